#ifndef CPOSTGRES_SHIM_H
#define CPOSTGRES_SHIM_H

#include <libpq-fe.h>

/* libpq's PG_DIAG_* field codes are character macros, which Swift cannot import.
   They are re-exported here as constants, prefixed with the module name. */
static const int CPostgres_DIAG_SEVERITY = PG_DIAG_SEVERITY_NONLOCALIZED;
static const int CPostgres_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int CPostgres_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
static const int CPostgres_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL;
static const int CPostgres_DIAG_MESSAGE_HINT = PG_DIAG_MESSAGE_HINT;
static const int CPostgres_DIAG_STATEMENT_POSITION = PG_DIAG_STATEMENT_POSITION;
static const int CPostgres_DIAG_CONTEXT = PG_DIAG_CONTEXT;
static const int CPostgres_DIAG_SCHEMA_NAME = PG_DIAG_SCHEMA_NAME;
static const int CPostgres_DIAG_TABLE_NAME = PG_DIAG_TABLE_NAME;
static const int CPostgres_DIAG_COLUMN_NAME = PG_DIAG_COLUMN_NAME;
static const int CPostgres_DIAG_CONSTRAINT_NAME = PG_DIAG_CONSTRAINT_NAME;

#endif
