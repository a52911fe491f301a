-- Migration 10: dates coming up (`--upcoming Birthday:30d`) read attribute values by day and
-- month. A partial index on the date-like values only (YYYY-MM-DD...), by attribute, day and
-- month, then account: each day's customers come out in account order without a scan.
CREATE INDEX customer_attribute_values_by_day ON customer_attribute_values
    (attribute, substr(value, 6, 5), account)
    WHERE value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*';
