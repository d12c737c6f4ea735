-- An enum value listed twice.
CREATE TYPE mood AS ENUM ('ok', 'sad', 'ok');
