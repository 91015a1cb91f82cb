-- A sum of BIGINT components that stays a BIGINT. SUM(bigint) widens to
-- NUMERIC through a state allocated for each group (a month's close sums
-- hundreds of thousands of groups), and the close cast it back to BIGINT;
-- int8pl adds in place and, like that cast, refuses a sum past the range.
CREATE AGGREGATE sum_exact(BIGINT) (
    SFUNC = int8pl,
    STYPE = BIGINT,
    COMBINEFUNC = int8pl,
    PARALLEL = SAFE
);
