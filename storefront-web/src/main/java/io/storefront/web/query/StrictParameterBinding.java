package io.storefront.web.query;

import java.util.UUID;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.support.WebBindingInitializer;

import io.storefront.web.text.StorableTextEditor;

/**
 * Request parameters, path variables and headers read as text must be storable text
 * ({@link StorableTextEditor}); whole numbers and UUIDs must be written in their one
 * canonical form ({@link CanonicalValueEditor}).
 * <p>
 * Spring MVC's handler adapter runs it on every binder it makes, after the initializer it
 * had. An {@code @InitBinder} method of a controller advice would do the same at a cost:
 * Spring makes a new invocable method of it on every request and calls it reflectively
 * for every argument it binds: about 4 % of product-service's CPU samples under
 * {@code GET /products/{id}} (JFR).
 */
public final class StrictParameterBinding implements WebBindingInitializer {

	private final WebBindingInitializer before;

	/**
	 * @param before the initializer that runs first (Spring Boot's conversion service and
	 * validator), or {@code null}
	 */
	public StrictParameterBinding(WebBindingInitializer before) {
		this.before = before;
	}

	@Override
	public void initBinder(WebDataBinder binder) {
		if (this.before != null) {
			this.before.initBinder(binder);
		}
		binder.registerCustomEditor(String.class, new StorableTextEditor());
		binder.registerCustomEditor(long.class, CanonicalValueEditor.forLong());
		binder.registerCustomEditor(Long.class, CanonicalValueEditor.forLong());
		binder.registerCustomEditor(int.class, CanonicalValueEditor.forInteger());
		binder.registerCustomEditor(Integer.class, CanonicalValueEditor.forInteger());
		binder.registerCustomEditor(UUID.class, CanonicalValueEditor.forUuid());
	}

}
