ALTER TABLE book ADD COLUMN author text;
CREATE INDEX book_author_idx ON book (author);
INSERT INTO book (title, author) VALUES ('The Art of PostgreSQL', 'Dimitri Fontaine');
