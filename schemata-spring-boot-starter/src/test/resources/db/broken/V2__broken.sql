-- a typo on line 3
CREATE TABLE broken (id int PRIMARY KEY);
INSERT INTO brokn VALUES (1);
