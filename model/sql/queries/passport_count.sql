-- How many passports there are, and in how many regions.
select count(*) as passports, count(distinct region) as regions from passport
