-- Longer than the read limit of 1 s the test sets.
SELECT pg_sleep(3);
