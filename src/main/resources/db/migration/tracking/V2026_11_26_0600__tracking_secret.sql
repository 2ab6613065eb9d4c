-- The key that signs tracking and unsubscribe tokens when IABULK_TRACKING_SECRET is not set:
-- made once by the first instance, shared by all through the database.
CREATE TABLE tracking_keys (
    name       VARCHAR(40) PRIMARY KEY,
    secret     VARCHAR(100) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
