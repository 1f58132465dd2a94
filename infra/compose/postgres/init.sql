-- Runs once, when the Postgres volume is first initialised: one database per service.
-- The services create their own tables through their migrations (the *-migrate one-shot services).
CREATE DATABASE crm;
CREATE DATABASE complaints;
CREATE DATABASE aftersales;
CREATE DATABASE surveys;
CREATE DATABASE training;
