-- The psychosocial assessment (with its addenda) and the narrative interview.
-- Nothing here is ever deleted: addenda refuse deletion of their assessment too.

CREATE TABLE narrative_interviews (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    story text NOT NULL,
    sharing integer NOT NULL,
    recorded_by uuid NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    sharing_changed_by uuid,
    sharing_changed_at timestamp with time zone,
    CONSTRAINT pk_narrative_interviews PRIMARY KEY (id),
    CONSTRAINT fk_narrative_interviews_persons_person_id FOREIGN KEY (person_id) REFERENCES persons (id) ON DELETE RESTRICT
);

CREATE TABLE assessments (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    presentation_id uuid NOT NULL,
    started_by uuid NOT NULL,
    started_at timestamp with time zone NOT NULL,
    sections jsonb NOT NULL,
    last_saved_by uuid NOT NULL,
    last_saved_at timestamp with time zone NOT NULL,
    status integer NOT NULL,
    signed_off_by uuid,
    signed_off_at timestamp with time zone,
    CONSTRAINT pk_assessments PRIMARY KEY (id),
    CONSTRAINT fk_assessments_persons_person_id FOREIGN KEY (person_id) REFERENCES persons (id) ON DELETE RESTRICT,
    CONSTRAINT fk_assessments_presentations_presentation_id FOREIGN KEY (presentation_id) REFERENCES presentations (id) ON DELETE RESTRICT
);

CREATE TABLE assessment_addenda (
    id uuid NOT NULL,
    text text NOT NULL,
    added_by uuid NOT NULL,
    added_by_name character varying(200) NOT NULL,
    added_at timestamp with time zone NOT NULL,
    assessment_id uuid NOT NULL,
    CONSTRAINT pk_assessment_addenda PRIMARY KEY (id),
    CONSTRAINT fk_assessment_addenda_assessments_assessment_id FOREIGN KEY (assessment_id) REFERENCES assessments (id) ON DELETE RESTRICT
);

CREATE INDEX ix_assessment_addenda_assessment_id ON assessment_addenda (assessment_id);

CREATE INDEX ix_assessments_person_id ON assessments (person_id);

CREATE UNIQUE INDEX ix_assessments_presentation_id ON assessments (presentation_id);

CREATE INDEX ix_narrative_interviews_person_id_recorded_at ON narrative_interviews (person_id, recorded_at);
