/**
 * Text PostgreSQL cannot store (U+0000, unpaired UTF-16 surrogates), refused in JSON
 * bodies, parameters, path variables and headers before any code sees it; and
 * {@link io.storefront.web.text.DisplayText}, the one rule for text people read back.
 */
package io.storefront.web.text;
