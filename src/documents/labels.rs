//! The words of a document, in Chinese and English.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::billing::{LineKind, Rule};

/// The language a document or mail is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum Language {
    /// Simplified Chinese, the default.
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Language {
    /// `zh-CN` (or `zh`) and `en`.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "zh-CN" | "zh" => Some(Self::Zh),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Self::Zh => "zh-CN",
            Self::En => "en",
        }
    }

    pub fn labels(self) -> &'static Labels {
        match self {
            Self::Zh => &ZH,
            Self::En => &EN,
        }
    }
}

/// Every fixed word a document or mail prints.
#[derive(Debug, Serialize)]
pub struct Labels {
    pub invoice_title: &'static str,
    pub adjustment_title: &'static str,
    pub credit_note_title: &'static str,
    pub draft: &'static str,
    pub void: &'static str,
    pub number: &'static str,
    pub period: &'static str,
    pub issued_on: &'static str,
    pub due_on: &'static str,
    pub currency: &'static str,
    pub contract: &'static str,
    pub refers_to: &'static str,
    pub reason: &'static str,
    pub seller: &'static str,
    pub buyer: &'static str,
    pub credit_code: &'static str,
    pub address: &'static str,
    pub bank: &'static str,
    pub account_name: &'static str,
    pub account_number: &'static str,
    pub position: &'static str,
    pub item: &'static str,
    pub kind: &'static str,
    pub quantity: &'static str,
    pub unit_price: &'static str,
    pub amount: &'static str,
    pub detail: &'static str,
    pub subtotal: &'static str,
    pub tax: &'static str,
    pub total: &'static str,
    pub total_in_words: &'static str,
    pub warnings: &'static str,
    pub notes: &'static str,
    pub target: &'static str,
    pub actual: &'static str,
    pub band: &'static str,
    pub steps: &'static str,
    pub charge: &'static str,
    pub penalty: &'static str,
    pub bonus: &'static str,
    pub cap: &'static str,
    pub not_deducted: &'static str,
    pub clause_maximum: &'static str,
    pub monthly_cap: &'static str,
    pub annual_cap: &'static str,
    pub amount_due: &'static str,
    pub late_escalation: &'static str,
    pub status: &'static str,
    pub vendor: &'static str,
    pub lines: &'static str,
    pub invoices: &'static str,
    pub paid: &'static str,
    pub credited: &'static str,
    pub balance: &'static str,
}

impl Labels {
    pub fn line_kind(&self, kind: LineKind) -> &'static str {
        match kind {
            LineKind::Charge => self.charge,
            LineKind::Penalty => self.penalty,
            LineKind::Bonus => self.bonus,
            LineKind::Cap => self.cap,
            LineKind::NotDeducted => self.not_deducted,
        }
    }

    /// The name of a cap or floor line.
    pub fn rule(&self, rule: Rule) -> &'static str {
        match rule {
            Rule::ClauseMaximum => self.clause_maximum,
            Rule::MonthlyCap => self.monthly_cap,
            Rule::AnnualCap => self.annual_cap,
            Rule::AmountDue => self.amount_due,
            Rule::Charge => self.charge,
            Rule::Clause | Rule::Incident => self.penalty,
            Rule::Bonus => self.bonus,
        }
    }
}

static ZH: Labels = Labels {
    invoice_title: "服务费结算单",
    adjustment_title: "调整结算单",
    credit_note_title: "红字冲销单（贷项通知单）",
    draft: "草稿",
    void: "已作废",
    number: "编号",
    period: "账期",
    issued_on: "开票日期",
    due_on: "付款截止日",
    currency: "币种",
    contract: "合同",
    refers_to: "原结算单",
    reason: "原因",
    seller: "销售方（服务商）",
    buyer: "购买方",
    credit_code: "统一社会信用代码",
    address: "地址",
    bank: "开户行",
    account_name: "户名",
    account_number: "账号",
    position: "序号",
    item: "项目",
    kind: "类别",
    quantity: "数量",
    unit_price: "单价",
    amount: "金额",
    detail: "说明",
    subtotal: "小计",
    tax: "税额",
    total: "价税合计",
    total_in_words: "大写金额",
    warnings: "提示",
    notes: "备注",
    target: "目标",
    actual: "实际",
    band: "档位",
    steps: "级数",
    charge: "服务费",
    penalty: "扣款",
    bonus: "奖励",
    cap: "封顶返还",
    not_deducted: "未扣部分",
    clause_maximum: "单项扣款上限返还",
    monthly_cap: "月度扣款上限返还",
    annual_cap: "合同年度扣款上限返还",
    amount_due: "超出应付金额的扣款（不扣减）",
    late_escalation: "严重事件未按时上报",
    status: "状态",
    vendor: "服务商",
    lines: "明细",
    invoices: "结算单",
    paid: "已付",
    credited: "已冲销",
    balance: "未结余额",
};

static EN: Labels = Labels {
    invoice_title: "Service invoice",
    adjustment_title: "Adjustment invoice",
    credit_note_title: "Credit note",
    draft: "DRAFT",
    void: "VOID",
    number: "Number",
    period: "Period",
    issued_on: "Issued on",
    due_on: "Due on",
    currency: "Currency",
    contract: "Contract",
    refers_to: "Invoice",
    reason: "Reason",
    seller: "Seller (vendor)",
    buyer: "Buyer",
    credit_code: "Unified social credit code",
    address: "Address",
    bank: "Bank",
    account_name: "Account name",
    account_number: "Account number",
    position: "#",
    item: "Item",
    kind: "Kind",
    quantity: "Quantity",
    unit_price: "Unit price",
    amount: "Amount",
    detail: "Detail",
    subtotal: "Subtotal",
    tax: "Tax",
    total: "Total",
    total_in_words: "Amount in words",
    warnings: "Warnings",
    notes: "Notes",
    target: "target",
    actual: "actual",
    band: "band",
    steps: "steps",
    charge: "Charge",
    penalty: "Penalty",
    bonus: "Bonus",
    cap: "Cap applied",
    not_deducted: "Not deducted",
    clause_maximum: "Clause maximum applied",
    monthly_cap: "Monthly cap applied",
    annual_cap: "Contract-year cap applied",
    amount_due: "Penalties beyond the amount due, not deducted",
    late_escalation: "Late escalation of incident",
    status: "Status",
    vendor: "Vendor",
    lines: "Lines",
    invoices: "Invoices",
    paid: "Paid",
    credited: "Credited",
    balance: "Balance",
};
