-- pgbench script: the floor of any database round trip (what GET /health's probe runs).
SELECT 1;
