//! The integration suite: each test starts the real server on a loopback port
//! against a fresh database (SQLite always; PostgreSQL when
//! `TEST_DATABASE_URL` is set) and talks HTTP to it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api_keys;
mod below_http;
mod benches;
mod bodies;
mod contracts;
mod demo;
mod distribution;
mod documents;
mod helpers;
mod invoices;
mod isolation;
mod kpi;
mod languages;
mod limits;
mod mail;
mod month_sums;
mod openapi;
mod pages;
mod prorated;
mod reports;
mod routes;
mod schedules;
mod service;
mod session;
mod settlement;
mod shops;
mod smtp;
mod statements;
mod tokens;
mod uploads;
mod users;
mod vendors;
