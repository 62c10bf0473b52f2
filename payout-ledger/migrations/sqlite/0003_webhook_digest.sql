-- The body digest of each stored webhook was written and never read: the replay key
-- (recorded since 0002) is what identifies a delivery. The column goes.
ALTER TABLE webhooks DROP COLUMN digest;
