-- Run by the postgres image on its first start: each service keeps its store in a database of
-- its own (the image creates POSTGRES_DB, "negotiation", itself).
CREATE DATABASE tariff OWNER tradegrpc;
