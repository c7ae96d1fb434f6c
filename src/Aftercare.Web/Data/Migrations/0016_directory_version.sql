-- The directory's version: one number that moves whenever any service is added, changed, retired
-- or brought back, in the same transaction as the change. What is worked out from the whole
-- directory for every search (the list of local authorities to choose from) is then kept in memory
-- per version, and read again only when the directory has changed, on any node.

CREATE TABLE directory_version (
    id integer NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_directory_version PRIMARY KEY (id),
    CONSTRAINT ck_directory_version_one_row CHECK (id = 1)
);
INSERT INTO directory_version (id, version) VALUES (1, 1);

CREATE FUNCTION directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE directory_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER aftercare_services_move_the_directory_version
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON aftercare_services
    FOR EACH STATEMENT EXECUTE FUNCTION directory_changed();

-- A search by area asks for the services covering it OR national ones: with the national services
-- indexed too, PostgreSQL joins the two index answers instead of reading the whole directory.
CREATE INDEX ix_aftercare_services_national ON aftercare_services (is_national) WHERE is_national;
