-- Accounts of the analysts using the service, and their roles.
CREATE TABLE users (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email          text NOT NULL UNIQUE,
    password_hash  text NOT NULL,
    display_name   text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_login_at  timestamptz
);

CREATE TABLE user_roles (
    id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL UNIQUE,
    description  text
);

CREATE TABLE user_role_assignments (
    user_id      bigint  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id      integer NOT NULL REFERENCES user_roles (id) ON DELETE RESTRICT,
    assigned_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, role_id)
);

INSERT INTO user_roles (name, description) VALUES
    ('admin', 'Manages users and sources'),
    ('analyst', 'Reads and annotates articles'),
    ('auditor', 'Reads the compliance audit log');
