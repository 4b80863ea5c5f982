-- Usage records taken over from a backup exist in no topic: a rebuild, which replays the topics, must keep them.
ALTER TABLE usage_records ADD COLUMN imported BOOLEAN NOT NULL DEFAULT FALSE;
