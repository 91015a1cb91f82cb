// kefu's own script: additions to pages that work without it.
"use strict";

// Daily charts: each [data-chart] element holds its data as JSON; ECharts is
// loaded only on pages that have one.
function drawCharts() {
  const holders = document.querySelectorAll("[data-chart]:not(.drawn)");
  if (holders.length === 0) return;
  const draw = () => holders.forEach((holder) => {
    const data = JSON.parse(holder.querySelector("script").textContent);
    holder.classList.add("drawn");
    const chart = echarts.init(holder);
    const number = (v) => (v === null ? null : Number(v));
    const excluded = data.excluded.map((day) => [{ xAxis: day }, { xAxis: day }]);
    const series = data.series.map((s) => ({
      name: s.name, type: data.bars ? "bar" : "line", smooth: false, showSymbol: !!data.points, connectNulls: false,
      data: s.values.map(number),
    }));
    if (data.target.some((v) => v !== null)) {
      series.push({
        name: data.target_name, type: "line", step: "middle", showSymbol: false,
        lineStyle: { type: "dashed", color: "#b91c1c" }, itemStyle: { color: "#b91c1c" },
        data: data.target.map(number),
      });
    }
    if (series.length > 0 && excluded.length > 0) {
      series[0].markArea = { silent: true, itemStyle: { color: "rgba(148,163,184,0.25)" }, data: excluded };
    }
    chart.setOption({
      animation: false,
      grid: { left: 56, right: 24, top: 36, bottom: 28 },
      legend: { top: 0 },
      tooltip: { trigger: "axis", valueFormatter: (v) => (v === null || v === undefined ? "—" : v + " " + data.unit) },
      xAxis: { type: "category", data: data.days },
      yAxis: { type: "value", scale: true, axisLabel: { formatter: "{value} " + data.unit } },
      series,
    });
    window.addEventListener("resize", () => chart.resize());
  });
  if (window.echarts) { draw(); return; }
  const script = document.createElement("script");
  script.src = document.body.dataset.echarts;
  script.onload = draw;
  document.head.appendChild(script);
}

document.addEventListener("DOMContentLoaded", drawCharts);
document.addEventListener("htmx:afterSettle", drawCharts);

// A file dropped on a [data-drop] zone goes into its file input.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-drop]").forEach((zone) => {
    const input = zone.querySelector("input[type=file]");
    const chosen = zone.querySelector("[data-chosen]");
    const show = () => { if (chosen) chosen.textContent = Array.from(input.files).map((f) => f.name).join(", "); };
    input.addEventListener("change", show);
    zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("over");
      if (event.dataTransfer.files.length > 0) { input.files = event.dataTransfer.files; show(); }
    });
  });
});

// A refused form comes back as the form again with why (422, 409) or as an
// error page (403, 404 …): htmx shows those answers too, not only 2xx.
if (window.htmx) {
  window.htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[2345]..", swap: true },
  ];
}

// The clause form: only the fieldset of the schedule shape chosen shows (all
// show without script, and the server reads only the chosen one).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-shapes]").forEach((group) => {
    const side = group.dataset.shapes;
    const show = () => {
      const chosen = group.querySelector("input[type=radio]:checked");
      document.querySelectorAll(`[data-shape-of="${side}"]`).forEach((fieldset) => {
        fieldset.hidden = !chosen || fieldset.dataset.shape !== chosen.value;
      });
    };
    group.addEventListener("change", show);
    show();
  });
});

// An escalation deadline counting down: [data-countdown] holds the instant
// (RFC 3339) and shows the time left as HH:MM:SS; the page drew it already.
document.addEventListener("DOMContentLoaded", () => {
  const clocks = document.querySelectorAll("[data-countdown]");
  if (clocks.length === 0) return;
  const pad = (n) => String(n).padStart(2, "0");
  const tick = () => clocks.forEach((clock) => {
    const left = Math.max(0, Math.floor((Date.parse(clock.dataset.countdown) - Date.now()) / 1000));
    clock.textContent = pad(Math.floor(left / 3600)) + ":" + pad(Math.floor(left / 60) % 60) + ":" + pad(left % 60);
    if (left === 0) clock.closest(".countdown")?.classList.add("over");
  });
  tick();
  setInterval(tick, 1000);
});
