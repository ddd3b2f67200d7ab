using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    is_staff = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_access_at = table.Column<long>(type: "INTEGER", nullable: true),
                    current_organization_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    last_totp_step = table.Column<long>(type: "INTEGER", nullable: true),
                    deleted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<long>(type: "INTEGER", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    @event = table.Column<string>(name: "event", type: "TEXT", maxLength: 80, nullable: false),
                    ip_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    user_agent = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    result = table.Column<int>(type: "INTEGER", nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "baseline_services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description_ja = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    description_en = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_baseline_services", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_daily_facts",
                columns: table => new
                {
                    period_id = table.Column<int>(type: "INTEGER", nullable: false),
                    usage_account_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    usage_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    dimension_id = table.Column<int>(type: "INTEGER", nullable: false),
                    tag_id = table.Column<int>(type: "INTEGER", nullable: true),
                    unblended_cost = table.Column<long>(type: "INTEGER", nullable: false),
                    net_unblended_cost = table.Column<long>(type: "INTEGER", nullable: true),
                    amortized_cost = table.Column<long>(type: "INTEGER", nullable: false),
                    public_on_demand_cost = table.Column<long>(type: "INTEGER", nullable: true),
                    usage_amount = table.Column<double>(type: "REAL", nullable: false),
                    line_count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                });

            migrationBuilder.CreateTable(
                name: "billing_dimensions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    product_code = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    product_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    usage_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    operation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    availability_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    line_item_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_dimensions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_ingestion_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    source_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    delivery_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    delivery = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    phase = table.Column<int>(type: "INTEGER", nullable: false),
                    rows_read = table.Column<long>(type: "INTEGER", nullable: false),
                    bytes_read = table.Column<long>(type: "INTEGER", nullable: false),
                    bytes_total = table.Column<long>(type: "INTEGER", nullable: false),
                    fact_rows = table.Column<long>(type: "INTEGER", nullable: false),
                    progress = table.Column<double>(type: "REAL", nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    duration_seconds = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_ingestion_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_periods",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    payer_account_id = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    source_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    delivery_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    last_aggregated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    data_complete_through = table.Column<long>(type: "INTEGER", nullable: true),
                    is_final = table.Column<bool>(type: "INTEGER", nullable: false),
                    line_count = table.Column<long>(type: "INTEGER", nullable: false),
                    fact_count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_periods", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_sources",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    payer_account_id = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    location = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    s3service_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    format = table.Column<int>(type: "INTEGER", nullable: false),
                    tag_key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_sources", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_tags",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    value = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_tags", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "charge_computations",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    payer_account_id = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    computed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    usd_to_jpy = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    line_count = table.Column<long>(type: "INTEGER", nullable: false),
                    revision = table.Column<long>(type: "INTEGER", nullable: false),
                    problem = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    stale_since = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_charge_computations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "charge_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    payer_account_id = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    project_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_number = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    product_code = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    category = table.Column<int>(type: "INTEGER", nullable: false),
                    line_item_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    tag_value = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    usd = table.Column<long>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<int>(type: "INTEGER", nullable: false),
                    name_ja = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_charge_lines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "charge_month_sums",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    payer_account_id = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    project_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_number = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    tag_value = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    usd = table.Column<long>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_charge_month_sums", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    friendly_name = table.Column<string>(type: "TEXT", nullable: true),
                    xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "exchange_rates",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    usd_to_jpy = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    rate_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchange_rates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "frozen_charge_months",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    payer_account_id = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    frozen_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_frozen_charge_months", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "invoice_adjustments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    project_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    target_month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    source_invoice_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_adjustments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "invoice_issuers",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    registration_number = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    number_prefix = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    last_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    attach_pdf = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_issuers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "invoices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    project_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    issuer_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    issuer_address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    registration_number = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    customer_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    customer_address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    project_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    currency = table.Column<int>(type: "INTEGER", nullable: false),
                    issue_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    due_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    payment_terms_days = table.Column<int>(type: "INTEGER", nullable: false),
                    tax_rate_percent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    subtotal = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    tax = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    total = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    tax_yen = table.Column<decimal>(type: "TEXT", precision: 18, scale: 0, nullable: true),
                    usd_to_jpy = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    rate_source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    rate_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    credits_invoice_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    replaces_invoice_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    void_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    issued_at = table.Column<long>(type: "INTEGER", nullable: true),
                    issued_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    voided_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "month_closes",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    closed_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    forced = table.Column<bool>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_month_closes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category = table.Column<int>(type: "INTEGER", nullable: false),
                    important = table.Column<bool>(type: "INTEGER", nullable: false),
                    title_ja = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    body_ja = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    body_en = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    publish_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expire_at = table.Column<long>(type: "INTEGER", nullable: true),
                    all_organizations = table.Column<bool>(type: "INTEGER", nullable: false),
                    requires_inquiry_user = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    mailed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organizations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    alias = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    legal_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    enforce_mfa = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organizations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_mails",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    to = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    cc = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    text_body = table.Column<string>(type: "TEXT", nullable: false),
                    html_body = table.Column<string>(type: "TEXT", nullable: true),
                    attachment_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    attachment_content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    attachment_content = table.Column<byte[]>(type: "BLOB", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_mails", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rating_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    scope = table.Column<int>(type: "INTEGER", nullable: false),
                    scope_value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    effective_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    order = table.Column<int>(type: "INTEGER", nullable: false),
                    percent = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    amount_currency = table.Column<int>(type: "INTEGER", nullable: false),
                    line_item_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    treatment = table.Column<int>(type: "INTEGER", nullable: false),
                    name_ja = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rating_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    role_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_role_claims_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    key_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_used_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_used_ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_keys_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_user_claims_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_asp_net_user_logins_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_asp_net_user_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "password_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    purpose = table.Column<int>(type: "INTEGER", nullable: false),
                    token_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    security_stamp = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    used_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_password_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_password_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "billing_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    source_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    payer_account_id = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    period_key = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    delivery_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    file_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    lease_expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    discovered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_billing_deliveries_billing_sources_source_id",
                        column: x => x.source_id,
                        principalTable: "billing_sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "invoice_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    invoice_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    account_number = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    account_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    category = table.Column<int>(type: "INTEGER", nullable: false),
                    name_ja = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    tax_rate_percent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_invoice_lines_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "invitations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    type = table.Column<int>(type: "INTEGER", nullable: false),
                    permissions = table.Column<int>(type: "INTEGER", nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    invited_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    accepted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    accepted_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invitations", x => x.id);
                    table.ForeignKey(
                        name: "fk_invitations_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "memberships",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<int>(type: "INTEGER", nullable: false),
                    permissions = table.Column<int>(type: "INTEGER", nullable: false),
                    joined_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_access_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_memberships", x => x.id);
                    table.ForeignKey(
                        name: "fk_memberships_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_memberships_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notice_audiences",
                columns: table => new
                {
                    notice_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notice_audiences", x => new { x.notice_id, x.organization_id });
                    table.ForeignKey(
                        name: "fk_notice_audiences_notices_notice_id",
                        column: x => x.notice_id,
                        principalTable: "notices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notice_audiences_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    plan = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    payment_method = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    service_level = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    currency = table.Column<int>(type: "INTEGER", nullable: false),
                    invoice_to = table.Column<string>(type: "TEXT", nullable: false),
                    invoice_cc = table.Column<string>(type: "TEXT", nullable: false),
                    payment_terms_days = table.Column<int>(type: "INTEGER", nullable: false),
                    invoice_language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_projects", x => x.id);
                    table.ForeignKey(
                        name: "fk_projects_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "aws_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_number = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 12, nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    project_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    joined_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aws_accounts", x => x.id);
                    table.ForeignKey(
                        name: "fk_aws_accounts_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_aws_accounts_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "account_bookmarks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    aws_account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_bookmarks", x => x.id);
                    table.ForeignKey(
                        name: "fk_account_bookmarks_aws_accounts_aws_account_id",
                        column: x => x.aws_account_id,
                        principalTable: "aws_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_notification_settings",
                columns: table => new
                {
                    aws_account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    billing_to = table.Column<string>(type: "TEXT", nullable: false),
                    billing_cc = table.Column<string>(type: "TEXT", nullable: false),
                    technical_to = table.Column<string>(type: "TEXT", nullable: false),
                    technical_cc = table.Column<string>(type: "TEXT", nullable: false),
                    security_to = table.Column<string>(type: "TEXT", nullable: false),
                    security_cc = table.Column<string>(type: "TEXT", nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    emergency_phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_notification_settings", x => x.aws_account_id);
                    table.ForeignKey(
                        name: "fk_account_notification_settings_aws_accounts_aws_account_id",
                        column: x => x.aws_account_id,
                        principalTable: "aws_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "charge_alarms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    aws_account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tag_value = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    threshold = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_charge_alarms", x => x.id);
                    table.ForeignKey(
                        name: "fk_charge_alarms_aws_accounts_aws_account_id",
                        column: x => x.aws_account_id,
                        principalTable: "aws_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "project_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    aws_account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    project_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    service_application_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_project_assignments_aws_accounts_aws_account_id",
                        column: x => x.aws_account_id,
                        principalTable: "aws_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_project_assignments_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_applications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    project_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    aws_account_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    account_number = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    account_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    target_project_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    effective_month = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    submitted_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    staff_comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_applications", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_applications_aws_accounts_aws_account_id",
                        column: x => x.aws_account_id,
                        principalTable: "aws_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_applications_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "charge_alarm_firings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    charge_alarm_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 20, scale: 4, nullable: false),
                    fired_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_charge_alarm_firings", x => x.id);
                    table.ForeignKey(
                        name: "fk_charge_alarm_firings_charge_alarms_charge_alarm_id",
                        column: x => x.charge_alarm_id,
                        principalTable: "charge_alarms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inquiries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    assignee_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    service_application_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    related_account_ids = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inquiries", x => x.id);
                    table.ForeignKey(
                        name: "fk_inquiries_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inquiries_service_applications_service_application_id",
                        column: x => x.service_application_id,
                        principalTable: "service_applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inquiry_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    inquiry_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    author_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    from_staff = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_internal = table.Column<bool>(type: "INTEGER", nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inquiry_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_inquiry_messages_inquiries_inquiry_id",
                        column: x => x.inquiry_id,
                        principalTable: "inquiries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inquiry_attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    inquiry_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inquiry_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_inquiry_attachments_inquiry_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "inquiry_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_bookmarks_aws_account_id",
                table: "account_bookmarks",
                column: "aws_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_bookmarks_organization_id_user_id_aws_account_id",
                table: "account_bookmarks",
                columns: new[] { "organization_id", "user_id", "aws_account_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_account_notification_settings_organization_id",
                table: "account_notification_settings",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_prefix",
                table: "api_keys",
                column: "prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_user_id_name",
                table: "api_keys",
                columns: new[] { "user_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_role_claims_role_id",
                table: "AspNetRoleClaims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_claims_user_id",
                table: "AspNetUserClaims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_logins_user_id",
                table: "AspNetUserLogins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_roles_role_id",
                table: "AspNetUserRoles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_occurred_at",
                table: "audit_events",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_organization_id_occurred_at",
                table: "audit_events",
                columns: new[] { "organization_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_aws_accounts_account_number",
                table: "aws_accounts",
                column: "account_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_aws_accounts_organization_id_project_id",
                table: "aws_accounts",
                columns: new[] { "organization_id", "project_id" });

            migrationBuilder.CreateIndex(
                name: "ix_aws_accounts_project_id",
                table: "aws_accounts",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_baseline_services_service_name",
                table: "baseline_services",
                column: "service_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_billing_daily_facts_period_id_usage_account_id_usage_date",
                table: "billing_daily_facts",
                columns: new[] { "period_id", "usage_account_id", "usage_date" });

            migrationBuilder.CreateIndex(
                name: "ix_billing_deliveries_payer_account_id_period_key_delivery_key",
                table: "billing_deliveries",
                columns: new[] { "payer_account_id", "period_key", "delivery_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_billing_deliveries_source_id",
                table: "billing_deliveries",
                column: "source_id");

            migrationBuilder.CreateIndex(
                name: "ix_billing_dimensions_product_code_product_name_usage_type_operation_region_availability_zone_line_item_type_currency",
                table: "billing_dimensions",
                columns: new[] { "product_code", "product_name", "usage_type", "operation", "region", "availability_zone", "line_item_type", "currency" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_billing_ingestion_runs_source_id_started_at",
                table: "billing_ingestion_runs",
                columns: new[] { "source_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_billing_ingestion_runs_started_at",
                table: "billing_ingestion_runs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_billing_periods_payer_account_id_month",
                table: "billing_periods",
                columns: new[] { "payer_account_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_billing_sources_payer_account_id",
                table: "billing_sources",
                column: "payer_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_billing_tags_value",
                table: "billing_tags",
                column: "value",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_charge_alarm_firings_charge_alarm_id_month",
                table: "charge_alarm_firings",
                columns: new[] { "charge_alarm_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_charge_alarms_aws_account_id",
                table: "charge_alarms",
                column: "aws_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_charge_alarms_organization_id_aws_account_id",
                table: "charge_alarms",
                columns: new[] { "organization_id", "aws_account_id" });

            migrationBuilder.CreateIndex(
                name: "ix_charge_computations_payer_account_id_month",
                table: "charge_computations",
                columns: new[] { "payer_account_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_charge_lines_account_number_organization_id_month",
                table: "charge_lines",
                columns: new[] { "account_number", "organization_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_charge_lines_organization_id_month",
                table: "charge_lines",
                columns: new[] { "organization_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_charge_lines_payer_account_id_month",
                table: "charge_lines",
                columns: new[] { "payer_account_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_charge_month_sums_organization_id_month",
                table: "charge_month_sums",
                columns: new[] { "organization_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_charge_month_sums_payer_account_id_month",
                table: "charge_month_sums",
                columns: new[] { "payer_account_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_charge_month_sums_project_id_month",
                table: "charge_month_sums",
                columns: new[] { "project_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_exchange_rates_month",
                table: "exchange_rates",
                column: "month",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_frozen_charge_months_payer_account_id_month",
                table: "frozen_charge_months",
                columns: new[] { "payer_account_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_organization_id_updated_at",
                table: "inquiries",
                columns: new[] { "organization_id", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_service_application_id",
                table: "inquiries",
                column: "service_application_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_status_updated_at",
                table: "inquiries",
                columns: new[] { "status", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_attachments_inquiry_id",
                table: "inquiry_attachments",
                column: "inquiry_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_attachments_message_id",
                table: "inquiry_attachments",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_attachments_organization_id",
                table: "inquiry_attachments",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_messages_inquiry_id_created_at",
                table: "inquiry_messages",
                columns: new[] { "inquiry_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_messages_organization_id",
                table: "inquiry_messages",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_invitations_organization_id_created_at",
                table: "invitations",
                columns: new[] { "organization_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_invitations_token_hash",
                table: "invitations",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_invoice_adjustments_project_id_target_month",
                table: "invoice_adjustments",
                columns: new[] { "project_id", "target_month" });

            migrationBuilder.CreateIndex(
                name: "ix_invoice_lines_invoice_id",
                table: "invoice_lines",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_invoices_number",
                table: "invoices",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_invoices_one_live_per_project_month",
                table: "invoices",
                columns: new[] { "project_id", "month" },
                unique: true,
                filter: "kind = 0 AND status <> 2");

            migrationBuilder.CreateIndex(
                name: "ix_invoices_organization_id_month",
                table: "invoices",
                columns: new[] { "organization_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_memberships_organization_id_user_id",
                table: "memberships",
                columns: new[] { "organization_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_memberships_user_id",
                table: "memberships",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_month_closes_month",
                table: "month_closes",
                column: "month",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notice_audiences_organization_id",
                table: "notice_audiences",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_notices_publish_at",
                table: "notices",
                column: "publish_at");

            migrationBuilder.CreateIndex(
                name: "ix_organizations_code",
                table: "organizations",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_mails_sent_at_next_attempt_at",
                table: "outbox_mails",
                columns: new[] { "sent_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_password_tokens_token_hash",
                table: "password_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_password_tokens_user_id",
                table: "password_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_assignments_aws_account_id_effective_from",
                table: "project_assignments",
                columns: new[] { "aws_account_id", "effective_from" });

            migrationBuilder.CreateIndex(
                name: "ix_project_assignments_organization_id_project_id",
                table: "project_assignments",
                columns: new[] { "organization_id", "project_id" });

            migrationBuilder.CreateIndex(
                name: "ix_project_assignments_project_id",
                table: "project_assignments",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_projects_organization_id",
                table: "projects",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_rating_rules_effective_from_order",
                table: "rating_rules",
                columns: new[] { "effective_from", "order" });

            migrationBuilder.CreateIndex(
                name: "ix_service_applications_aws_account_id",
                table: "service_applications",
                column: "aws_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_applications_organization_id_submitted_at",
                table: "service_applications",
                columns: new[] { "organization_id", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_service_applications_project_id",
                table: "service_applications",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_applications_status_submitted_at",
                table: "service_applications",
                columns: new[] { "status", "submitted_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_bookmarks");

            migrationBuilder.DropTable(
                name: "account_notification_settings");

            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "baseline_services");

            migrationBuilder.DropTable(
                name: "billing_daily_facts");

            migrationBuilder.DropTable(
                name: "billing_deliveries");

            migrationBuilder.DropTable(
                name: "billing_dimensions");

            migrationBuilder.DropTable(
                name: "billing_ingestion_runs");

            migrationBuilder.DropTable(
                name: "billing_periods");

            migrationBuilder.DropTable(
                name: "billing_tags");

            migrationBuilder.DropTable(
                name: "charge_alarm_firings");

            migrationBuilder.DropTable(
                name: "charge_computations");

            migrationBuilder.DropTable(
                name: "charge_lines");

            migrationBuilder.DropTable(
                name: "charge_month_sums");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "exchange_rates");

            migrationBuilder.DropTable(
                name: "frozen_charge_months");

            migrationBuilder.DropTable(
                name: "inquiry_attachments");

            migrationBuilder.DropTable(
                name: "invitations");

            migrationBuilder.DropTable(
                name: "invoice_adjustments");

            migrationBuilder.DropTable(
                name: "invoice_issuers");

            migrationBuilder.DropTable(
                name: "invoice_lines");

            migrationBuilder.DropTable(
                name: "memberships");

            migrationBuilder.DropTable(
                name: "month_closes");

            migrationBuilder.DropTable(
                name: "notice_audiences");

            migrationBuilder.DropTable(
                name: "outbox_mails");

            migrationBuilder.DropTable(
                name: "password_tokens");

            migrationBuilder.DropTable(
                name: "project_assignments");

            migrationBuilder.DropTable(
                name: "rating_rules");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "billing_sources");

            migrationBuilder.DropTable(
                name: "charge_alarms");

            migrationBuilder.DropTable(
                name: "inquiry_messages");

            migrationBuilder.DropTable(
                name: "invoices");

            migrationBuilder.DropTable(
                name: "notices");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "inquiries");

            migrationBuilder.DropTable(
                name: "service_applications");

            migrationBuilder.DropTable(
                name: "aws_accounts");

            migrationBuilder.DropTable(
                name: "projects");

            migrationBuilder.DropTable(
                name: "organizations");
        }
    }
}
