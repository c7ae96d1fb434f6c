-- The aftercare service directory (M8): the services people are referred on to, with the areas
-- they cover, the needs they meet, and their eligibility criteria and exclusions one by one.
-- Services are retired, never deleted: referrals made to them still point at them.

CREATE TABLE aftercare_services (
    id uuid NOT NULL,
    open_referral_id character varying(200) NOT NULL,
    name character varying(200) NOT NULL,
    type integer NOT NULL,
    provider character varying(200),
    description character varying(4000),
    is_national boolean NOT NULL,
    postcode_districts text[] NOT NULL,
    local_authorities text[] NOT NULL,
    area_keys text[] NOT NULL,
    needs text[] NOT NULL,
    eligibility_criteria text[] NOT NULL,
    exclusions text[] NOT NULL,
    how_to_refer character varying(4000),
    typical_wait_days integer,
    hours jsonb NOT NULL,
    is_active boolean NOT NULL,
    retired_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    updated_by uuid,
    updated_by_name character varying(200) NOT NULL,
    contacts_address_line1 character varying(200),
    contacts_address_line2 character varying(200),
    contacts_email character varying(254),
    contacts_phone character varying(40),
    contacts_postcode character varying(10),
    contacts_town character varying(100),
    contacts_website character varying(500),
    CONSTRAINT pk_aftercare_services PRIMARY KEY (id),
    CONSTRAINT ck_aftercare_services_type CHECK (type BETWEEN 1 AND 6),
    CONSTRAINT ck_aftercare_services_typical_wait_days CHECK (typical_wait_days IS NULL OR typical_wait_days BETWEEN 0 AND 730),
    -- A service nobody's area matches would never be found.
    CONSTRAINT ck_aftercare_services_covers_somewhere CHECK (is_national OR cardinality(area_keys) > 0),
    CONSTRAINT ck_aftercare_services_retired_when CHECK (is_active = (retired_at IS NULL))
);

-- Importing the same published directory again updates its services instead of adding them twice.
CREATE UNIQUE INDEX ix_aftercare_services_open_referral_id ON aftercare_services (open_referral_id);
-- A search by area or by need asks whether an array holds any of the values asked for (&&, @>):
-- GIN indexes answer that without reading every service.
CREATE INDEX ix_aftercare_services_area_keys ON aftercare_services USING gin (area_keys);
CREATE INDEX ix_aftercare_services_needs ON aftercare_services USING gin (needs);
CREATE INDEX ix_aftercare_services_is_active_name ON aftercare_services (is_active, name);
