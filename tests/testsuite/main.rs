//! The integration test suite: one binary, one module per area.

mod bounded;
mod bundled_content;
mod configuration;
mod connections;
mod content_check;
mod data;
mod day_and_salaries;
mod fit;
mod fuzz;
mod hostile;
mod http_caching;
mod layout;
mod official_data;
mod official_pages;
mod official_pay;
mod pages;
mod pay_map;
mod power_tools;
mod previews;
mod reader;
mod self_hosting;
mod serve;
mod sharing;
mod support;
mod transition;
mod watch;
