-- H2 keeps a TEXT (CLOB) value longer than 256 bytes apart from its row, in LOB maps written again on
-- every commit; an outcome (about 600 characters) is kept in its row as CHARACTER VARYING instead.
ALTER TABLE call_ledger ALTER COLUMN outcome SET DATA TYPE CHARACTER VARYING(1000000);
