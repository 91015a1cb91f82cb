DROP TABLE api_keys;
DROP TABLE shops;
DROP TABLE users;
DROP TABLE vendors;
DROP TABLE tenants;
