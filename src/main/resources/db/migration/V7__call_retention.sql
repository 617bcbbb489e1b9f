-- Calls are deleted once they are older than the retention (ledger.LedgerRetention), oldest first.
CREATE INDEX call_ledger_by_claimed_at ON call_ledger (claimed_at);
