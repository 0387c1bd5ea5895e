-- Every inbound webhook call stores its body (often 10-100 KB of JSON) in the request path, before the 2xx.
-- pglz, the default TOAST compression, spends about twice the CPU per stored body of LZ4 (measured with
-- bench/webhooks-in.ts), so the column uses LZ4 where the server was built with it. PGlite has no LZ4
-- and keeps pglz. Only the compression method changes: values read back the same.
DO $$
BEGIN
  ALTER TABLE "inbound_webhooks" ALTER COLUMN "body" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END $$;
