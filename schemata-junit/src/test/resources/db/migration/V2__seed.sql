INSERT INTO orders (item) VALUES ('seed');
