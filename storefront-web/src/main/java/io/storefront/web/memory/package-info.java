/**
 * The services' memory: giving back the heap a burst of traffic grew, once it is over.
 */
package io.storefront.web.memory;
