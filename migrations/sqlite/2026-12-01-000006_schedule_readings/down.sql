-- Back to bands that always include their threshold; a started step counted
-- whole has no earlier reading and becomes whole steps.
UPDATE contract_terms SET body =
    REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(body,
        '"inclusive":true,', ''),
        '"inclusive":false,', ''),
        '"counting":"pro_rata"', '"partial_steps":true'),
        '"counting":"whole"', '"partial_steps":false'),
        '"counting":"started"', '"partial_steps":false');

UPDATE invoices SET inputs =
    REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(inputs,
        '"inclusive":true,', ''),
        '"inclusive":false,', ''),
        '"counting":"pro_rata"', '"partial_steps":true'),
        '"counting":"whole"', '"partial_steps":false'),
        '"counting":"started"', '"partial_steps":false')
WHERE inputs IS NOT NULL;
