-- Each row of a unit's scope names the level of the scope unit. A report by level aggregates the
-- rows of one level (`scope_level = 'province'`): PostgreSQL then estimates them from this
-- column's own statistics (a third of the rows are a province's), where joining to the report's
-- units estimated a handful (the average scope is small) and chose a nested loop that took
-- minutes for the national report of six generated provinces (docs/benchmarks.md).
ALTER TABLE admin_unit_scope ADD COLUMN scope_level text;

CREATE OR REPLACE FUNCTION rebuild_admin_unit_scope() RETURNS void LANGUAGE sql AS $$
    DELETE FROM admin_unit_scope;
    WITH RECURSIVE edges (scope_id, unit_id) AS (
        SELECT parent_id, id FROM admin_units WHERE parent_id IS NOT NULL
        UNION
        SELECT successor_id, predecessor_id FROM admin_unit_replacements
    ), reach (scope_id, unit_id) AS (
        SELECT id, id FROM admin_units
        UNION
        SELECT r.scope_id, e.unit_id FROM reach r JOIN edges e ON e.scope_id = r.unit_id
    )
    INSERT INTO admin_unit_scope (scope_id, unit_id, scope_level)
    SELECT r.scope_id, r.unit_id, u.level FROM reach r JOIN admin_units u ON u.id = r.scope_id;
$$;

SELECT rebuild_admin_unit_scope();
ALTER TABLE admin_unit_scope ALTER COLUMN scope_level SET NOT NULL;
