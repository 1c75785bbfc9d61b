-- The high-volume tables become partitioned by province (PARTITION BY LIST (province_code)), one
-- partition a province (docs/scaling.md, step 4). A province's queue, lookup, report and import
-- then read and write its own tables and indexes, however many provinces share the server; a
-- province can be vacuumed, backed up, moved (detached) or archived on its own.
--
-- Every key of these tables already holds province_code (045, CitusReadinessTests), so the keys
-- stay as they were. Each table is rebuilt in place by province_partition_table below: its
-- constraints, indexes, triggers and the foreign keys that point at it are read from the catalog,
-- the rows are copied into the partitioned table (same ids; identity sequences carried on) and
-- everything is recreated under its own name. Provinces get their partitions from the units
-- they have; a province imported later gets them with its units (the trigger at the end).

-- The partitions of one province, for every table partitioned by province. Idempotent.
CREATE FUNCTION province_partitions_create(p_province text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    parent record;
    created integer := 0;
BEGIN
    IF p_province IS NULL OR p_province !~ '^[A-Za-z0-9.-]{1,32}$' THEN
        RAISE EXCEPTION 'mã tỉnh không hợp lệ cho phân vùng: %', p_province;
    END IF;
    FOR parent IN
        SELECT c.relname FROM pg_partitioned_table pt
        JOIN pg_class c ON c.oid = pt.partrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
        JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0]
        WHERE pt.partstrat = 'l' AND pt.partnatts = 1 AND a.attname = 'province_code'
        ORDER BY c.relname
    LOOP
        CONTINUE WHEN EXISTS (
            SELECT 1 FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid
            WHERE i.inhparent = parent.relname::regclass AND p.relname = parent.relname || '_p' || p_province
        );
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (%L)', parent.relname || '_p' || p_province, parent.relname, p_province);
        created := created + 1;
    END LOOP;
    RETURN created;
END $$;

-- Rebuilds one table as partitioned by province; used by this migration only.
CREATE FUNCTION province_partition_table(p_table text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    old_name text := p_table || '_unpartitioned';
    item record;
    definitions text[] := '{}';
    incoming text[] := '{}';
    sequences text[] := '{}';
    statement text;
BEGIN
    -- What to recreate: keys and checks first, then foreign keys, other indexes, triggers.
    FOR item IN
        SELECT format('ALTER TABLE %I ADD CONSTRAINT %I %s', p_table, conname, pg_get_constraintdef(oid)) AS sql
        FROM pg_constraint WHERE conrelid = p_table::regclass AND contype IN ('p', 'u', 'c', 'f') AND conparentid = 0
        ORDER BY CASE contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'c' THEN 2 ELSE 3 END, conname
    LOOP
        definitions := definitions || item.sql;
    END LOOP;
    FOR item IN
        SELECT pg_get_indexdef(i.indexrelid) AS sql FROM pg_index i
        WHERE i.indrelid = p_table::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = p_table::regclass)
        ORDER BY i.indexrelid
    LOOP
        definitions := definitions || item.sql;
    END LOOP;
    FOR item IN
        SELECT pg_get_triggerdef(oid) AS sql FROM pg_trigger WHERE tgrelid = p_table::regclass AND NOT tgisinternal ORDER BY tgname
    LOOP
        definitions := definitions || item.sql;
    END LOOP;
    -- Foreign keys of other tables pointing here: dropped now, recreated on the partitioned table.
    FOR item IN
        SELECT conrelid::regclass::text AS source, conname, pg_get_constraintdef(oid) AS def
        FROM pg_constraint WHERE confrelid = p_table::regclass AND contype = 'f' AND conrelid <> p_table::regclass
          AND conparentid = 0
        ORDER BY conrelid::regclass::text, conname
    LOOP
        incoming := incoming || format('ALTER TABLE %s ADD CONSTRAINT %I %s', item.source, item.conname, item.def);
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', item.source, item.conname);
    END LOOP;
    -- Identity columns: their sequences' positions, carried to the new table's sequences.
    FOR item IN
        SELECT a.attname, pg_get_serial_sequence(p_table, a.attname) AS seq
        FROM pg_attribute a WHERE a.attrelid = p_table::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attidentity <> ''
    LOOP
        sequences := sequences || ARRAY[item.attname, item.seq];
    END LOOP;

    EXECUTE format('ALTER TABLE %I RENAME TO %I', p_table, old_name);
    EXECUTE format(
        'CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING COMMENTS) PARTITION BY LIST (province_code)',
        p_table, old_name
    );
    FOR item IN
        SELECT DISTINCT province_code FROM admin_units WHERE province_code ~ '^[A-Za-z0-9.-]{1,32}$'
        ORDER BY province_code
    LOOP
        PERFORM province_partitions_create(item.province_code);
    END LOOP;
    FOR item IN EXECUTE format('SELECT DISTINCT province_code FROM %I ORDER BY 1', old_name) LOOP
        PERFORM province_partitions_create(item.province_code);
    END LOOP;
    -- Generated columns are computed again, not copied.
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO statement
    FROM pg_attribute WHERE attrelid = old_name::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
    EXECUTE format('INSERT INTO %I (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM %I', p_table, statement, statement, old_name);
    FOR i IN 1 .. coalesce(array_length(sequences, 1), 0) / 2 LOOP
        EXECUTE format(
            'SELECT setval(%L, last_value, is_called) FROM %s',
            pg_get_serial_sequence(p_table, sequences[2 * i - 1]), sequences[2 * i]
        );
    END LOOP;
    EXECUTE format('DROP TABLE %I', old_name);
    -- The new sequences take the old ones' names back (LIKE had to choose others while both lived).
    FOR i IN 1 .. coalesce(array_length(sequences, 1), 0) / 2 LOOP
        EXECUTE format(
            'ALTER SEQUENCE %s RENAME TO %I',
            pg_get_serial_sequence(p_table, sequences[2 * i - 1]), split_part(sequences[2 * i], '.', 2)
        );
    END LOOP;

    FOREACH statement IN ARRAY definitions LOOP
        EXECUTE statement;
    END LOOP;
    FOREACH statement IN ARRAY incoming LOOP
        EXECUTE statement;
    END LOOP;
END $$;

SELECT province_partition_table('nominations');
SELECT province_partition_table('nomination_transitions');
SELECT province_partition_table('nomination_documents');
SELECT province_partition_table('nomination_nominees');
SELECT province_partition_table('decision_awardees');
SELECT province_partition_table('registrations');
SELECT province_partition_table('assessments');
SELECT province_partition_table('assessment_evidence');
SELECT province_partition_table('audit_records');

DROP FUNCTION province_partition_table(text);

-- The national chain ('00': the wording and certificate layouts every province shares) has its
-- partitions from the start.
SELECT province_partitions_create('00');

-- A province whose units arrive later (`thidua units import`, the demo, the generator) gets its
-- partitions in the same transaction, before any of its records can be written.
CREATE FUNCTION admin_units_partitions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM province_partitions_create(code)
    FROM (SELECT DISTINCT province_code AS code FROM added_units) AS provinces ORDER BY code;
    RETURN NULL;
END $$;

CREATE TRIGGER admin_units_partitions AFTER INSERT ON admin_units
    REFERENCING NEW TABLE AS added_units FOR EACH STATEMENT EXECUTE FUNCTION admin_units_partitions();
