-- Every finding of every passport, kept in the model's own (in-memory) catalogue: the checks read the passport
-- files only, never the facts, so one computation per opened model serves every page, report and the portfolio
-- (2 000 passports: 3–4 s once, where the view filtered by one passport took 2–4 s on every page view).
create table if not exists quality_finding_all as select * from quality_finding
