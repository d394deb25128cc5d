CREATE TABLE orders_archive (id bigint PRIMARY KEY);
