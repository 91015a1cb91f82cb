-- Terms written before bands could say whether their threshold belongs to
-- them, and before per-step schedules could count a started step, keep the
-- meaning they were written with: a band applied "at or beyond" its
-- threshold, and `partial_steps` chose pro rata or whole steps. Terms are
-- stored as compact JSON written by kefu, in which only a band's object
-- begins with its threshold.
UPDATE contract_terms SET body =
    REPLACE(REPLACE(REPLACE(body,
        '{"threshold":', '{"inclusive":true,"threshold":'),
        '"partial_steps":true', '"counting":"pro_rata"'),
        '"partial_steps":false', '"counting":"whole"');

-- Issued invoices keep the terms they were computed from.
UPDATE invoices SET inputs =
    REPLACE(REPLACE(REPLACE(inputs,
        '{"threshold":', '{"inclusive":true,"threshold":'),
        '"partial_steps":true', '"counting":"pro_rata"'),
        '"partial_steps":false', '"counting":"whole"')
WHERE inputs IS NOT NULL;
