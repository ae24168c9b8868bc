/**
 * What the database's health is, without HTTP:
 * {@link io.storefront.db.health.ConnectivityProbe} (one shared {@code SELECT 1}),
 * {@link io.storefront.db.health.OperationReports} (the detailed tests),
 * {@link io.storefront.db.health.BackgroundProbing} (the periodic probe), and the logs of
 * health changes and pool pressure. The endpoints that answer with it are
 * storefront-web's.
 */
package io.storefront.db.health;
