-- Core schema: accounts, reference data, recommendation letters, admission proposals,
-- candidates, the employee register and stored documents.

CREATE TABLE agencies (
    id         bigserial PRIMARY KEY,
    code       text NOT NULL UNIQUE,
    name       text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('dinas', 'badan', 'kecamatan', 'puskesmas', 'sekretariat', 'other')),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE religions (
    id   bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE
);

-- rank orders the levels so a requirement's minimum can be compared: higher is more.
CREATE TABLE education_levels (
    id   bigserial PRIMARY KEY,
    code text NOT NULL UNIQUE,
    name text NOT NULL,
    rank integer NOT NULL UNIQUE
);

CREATE TABLE employee_classifications (
    id   bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE
);

CREATE TABLE salary_standards (
    id     bigserial PRIMARY KEY,
    name   text NOT NULL UNIQUE,
    amount bigint NOT NULL CHECK (amount >= 0)
);

CREATE TABLE positions (
    id            bigserial PRIMARY KEY,
    name          text NOT NULL UNIQUE,
    position_type text NOT NULL
);

CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    username      text NOT NULL,
    full_name     text NOT NULL DEFAULT '',
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('superadmin', 'bkd', 'opd', 'pegawai')),
    agency_id     bigint REFERENCES agencies (id),
    employee_id   bigint,
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (role <> 'opd' OR agency_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- Only the SHA-256 of a session token is stored, so a leaked table cannot log anyone in.
CREATE TABLE sessions (
    token_hash bytea PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

-- A document row exists only once its object is stored. Replacing a document sets superseded_at on
-- the old row, so every version stays retrievable.
CREATE TABLE documents (
    id            bigserial PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('photo', 'spouse_photo', 'ktp', 'kk', 'diploma', 'first_pk', 'recommendation_letter')),
    object_key    text NOT NULL UNIQUE,
    content_type  text NOT NULL,
    size_bytes    bigint NOT NULL CHECK (size_bytes > 0),
    original_name text NOT NULL DEFAULT '',
    uploaded_by   bigint NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    superseded_at timestamptz
);

CREATE TABLE recommendations (
    id          bigserial PRIMARY KEY,
    agency_id   bigint NOT NULL REFERENCES agencies (id),
    number      text NOT NULL,
    letter_date date NOT NULL,
    year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    quota       integer NOT NULL CHECK (quota > 0),
    document_id bigint REFERENCES documents (id),
    created_by  bigint NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    request_key text UNIQUE
);
CREATE UNIQUE INDEX recommendations_number_key ON recommendations (lower(number));
CREATE INDEX recommendations_agency_id_idx ON recommendations (agency_id);

CREATE TABLE recommendation_requirements (
    id                   bigserial PRIMARY KEY,
    recommendation_id    bigint NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    position_id          bigint NOT NULL REFERENCES positions (id),
    min_education_level_id bigint NOT NULL REFERENCES education_levels (id),
    major                text NOT NULL DEFAULT '',
    count                integer NOT NULL CHECK (count > 0)
);
CREATE INDEX recommendation_requirements_recommendation_id_idx ON recommendation_requirements (recommendation_id);

CREATE TABLE proposals (
    id                bigserial PRIMARY KEY,
    kind              text NOT NULL DEFAULT 'admission' CHECK (kind IN ('admission', 'removal')),
    agency_id         bigint NOT NULL REFERENCES agencies (id),
    recommendation_id bigint NOT NULL REFERENCES recommendations (id),
    status            text NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'submitted', 'returned_to_opd', 'in_final_review', 'returned_to_bkd', 'done')),
    version           integer NOT NULL DEFAULT 1,
    last_reason       text NOT NULL DEFAULT '',
    created_by        bigint NOT NULL REFERENCES users (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    request_key       text UNIQUE
);
CREATE INDEX proposals_agency_id_idx ON proposals (agency_id);
CREATE INDEX proposals_status_idx ON proposals (status);
CREATE INDEX proposals_recommendation_id_idx ON proposals (recommendation_id);

-- Every transition and every row decision, for the proposal's timeline.
CREATE TABLE proposal_events (
    id           bigserial PRIMARY KEY,
    proposal_id  bigint NOT NULL REFERENCES proposals (id),
    candidate_id bigint,
    actor_id     bigint NOT NULL REFERENCES users (id),
    action       text NOT NULL,
    from_status  text NOT NULL,
    to_status    text NOT NULL,
    reason       text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX proposal_events_proposal_id_idx ON proposal_events (proposal_id, id);

-- Biodata and job columns are shared in meaning by candidates and employees. Text columns are
-- NOT NULL with '' for "not filled yet", because drafts may be incomplete.
CREATE TABLE candidates (
    id                          bigserial PRIMARY KEY,
    proposal_id                 bigint NOT NULL REFERENCES proposals (id),
    nik                         text NOT NULL,
    family_card_number          text NOT NULL DEFAULT '',
    full_name                   text NOT NULL DEFAULT '',
    title_prefix                text NOT NULL DEFAULT '',
    title_suffix                text NOT NULL DEFAULT '',
    birth_place                 text NOT NULL DEFAULT '',
    birth_date                  date,
    religion_id                 bigint REFERENCES religions (id),
    sex                         text NOT NULL DEFAULT '' CHECK (sex IN ('', 'L', 'P')),
    marital_status              text NOT NULL DEFAULT '' CHECK (marital_status IN ('', 'belum_kawin', 'kawin', 'cerai_hidup', 'cerai_mati')),
    blood_type                  text NOT NULL DEFAULT '',
    address_ktp                 text NOT NULL DEFAULT '',
    address_domicile            text NOT NULL DEFAULT '',
    email                       text NOT NULL DEFAULT '',
    phone                       text NOT NULL DEFAULT '',
    npwp                        text NOT NULL DEFAULT '',
    education_level_id          bigint REFERENCES education_levels (id),
    education_major             text NOT NULL DEFAULT '',
    education_institution       text NOT NULL DEFAULT '',
    graduation_year             integer,
    applied_education_level_id  bigint REFERENCES education_levels (id),
    applied_education_major     text NOT NULL DEFAULT '',
    classification_id           bigint REFERENCES employee_classifications (id),
    salary_standard_id          bigint REFERENCES salary_standards (id),
    position_id                 bigint REFERENCES positions (id),
    position_type               text NOT NULL DEFAULT '',
    start_date                  date,
    decision                    text NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'accepted', 'rejected')),
    decision_reason             text NOT NULL DEFAULT '',
    decided_by                  bigint REFERENCES users (id),
    decided_at                  timestamptz,
    correction_reason           text NOT NULL DEFAULT '',
    removed_at                  timestamptz,
    version                     integer NOT NULL DEFAULT 1,
    created_by                  bigint NOT NULL REFERENCES users (id),
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    request_key                 text UNIQUE
);
CREATE INDEX candidates_proposal_id_idx ON candidates (proposal_id);
CREATE INDEX candidates_nik_idx ON candidates (nik);

CREATE TABLE employees (
    id                          bigserial PRIMARY KEY,
    agency_id                   bigint NOT NULL REFERENCES agencies (id),
    candidate_id                bigint UNIQUE REFERENCES candidates (id),
    recommendation_id           bigint REFERENCES recommendations (id),
    nik                         text NOT NULL,
    family_card_number          text NOT NULL,
    full_name                   text NOT NULL,
    title_prefix                text NOT NULL DEFAULT '',
    title_suffix                text NOT NULL DEFAULT '',
    birth_place                 text NOT NULL,
    birth_date                  date NOT NULL,
    religion_id                 bigint NOT NULL REFERENCES religions (id),
    sex                         text NOT NULL CHECK (sex IN ('L', 'P')),
    marital_status              text NOT NULL,
    blood_type                  text NOT NULL DEFAULT '',
    address_ktp                 text NOT NULL,
    address_domicile            text NOT NULL,
    email                       text NOT NULL DEFAULT '',
    phone                       text NOT NULL DEFAULT '',
    npwp                        text NOT NULL DEFAULT '',
    education_level_id          bigint NOT NULL REFERENCES education_levels (id),
    education_major             text NOT NULL DEFAULT '',
    education_institution       text NOT NULL,
    graduation_year             integer NOT NULL,
    applied_education_level_id  bigint NOT NULL REFERENCES education_levels (id),
    applied_education_major     text NOT NULL DEFAULT '',
    classification_id           bigint NOT NULL REFERENCES employee_classifications (id),
    salary_standard_id          bigint NOT NULL REFERENCES salary_standards (id),
    position_id                 bigint NOT NULL REFERENCES positions (id),
    position_type               text NOT NULL,
    start_date                  date NOT NULL,
    end_date                    date,
    status                      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employees_agency_id_idx ON employees (agency_id);
CREATE INDEX employees_recommendation_id_idx ON employees (recommendation_id);

ALTER TABLE users ADD CONSTRAINT users_employee_id_fkey FOREIGN KEY (employee_id) REFERENCES employees (id);

-- Links a document version to what it belongs to. On approval the candidate's links gain the
-- new employee's id, so the register shows the same stored files.
CREATE TABLE candidate_documents (
    candidate_id bigint NOT NULL REFERENCES candidates (id),
    document_id  bigint NOT NULL UNIQUE REFERENCES documents (id),
    employee_id  bigint REFERENCES employees (id)
);
CREATE INDEX candidate_documents_candidate_id_idx ON candidate_documents (candidate_id);
CREATE INDEX candidate_documents_employee_id_idx ON candidate_documents (employee_id);

-- One NIK is active in at most one place across all agencies: an open proposal's candidate or an
-- active employee. The primary key makes that hold even when two agencies save at once.
CREATE TABLE active_niks (
    nik          text PRIMARY KEY,
    candidate_id bigint UNIQUE REFERENCES candidates (id),
    employee_id  bigint UNIQUE REFERENCES employees (id),
    CHECK ((candidate_id IS NULL) <> (employee_id IS NULL))
);
