/**
 * Strict JSON input: a value of the wrong type is an error naming the field, not a value
 * to coerce, and a key given twice makes the body malformed.
 */
package io.storefront.web.json;
