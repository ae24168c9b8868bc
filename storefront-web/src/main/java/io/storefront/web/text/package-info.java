/**
 * Text PostgreSQL cannot store (U+0000, unpaired UTF-16 surrogates), refused in JSON
 * bodies, parameters, path variables and headers before any code sees it.
 */
package io.storefront.web.text;
