ALTER TABLE orders ADD COLUMN item text;
INSERT INTO orders (id, itme) VALUES (1, 'x');
