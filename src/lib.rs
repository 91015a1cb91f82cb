//! kefu: contracts, KPI feeds and performance-based invoices for
//! customer-service outsourcing.

pub mod app;
pub mod auth;
pub mod catalogue;
pub mod config;
pub mod demo;
pub mod documents;
pub mod domain;
pub mod http;
pub mod mail;
pub mod memory;
pub mod startup;
pub mod store;
pub mod telemetry;
pub mod web;
