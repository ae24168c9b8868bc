package io.storefront.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The PgBouncer parameters of every Pooler, against the list CloudNativePG's admission
 * webhook accepts (src/test/resources/crds, see the README there). The CRD's schema takes
 * any name there, so a misspelt one passes it; the webhook then refuses the Pooler, and
 * the budget would have counted PgBouncer's default in its place.
 */
final class PoolerParameters {

	private static final String ACCEPTED_LIST = "crds/pooler-parameters.txt";

	static final Set<String> ACCEPTED = NameList.load(ACCEPTED_LIST);

	private PoolerParameters() {
	}

	static List<String> check(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		for (JsonNode pooler : overlay.custom("Pooler")) {
			String name = pooler.path("metadata").path("name").asString();
			for (var parameter : pooler.path("spec").path("pgbouncer").path("parameters").properties()) {
				if (!ACCEPTED.contains(parameter.getKey())) {
					problems.add("Pooler " + name + ": PgBouncer parameter " + parameter.getKey()
							+ " is not one CloudNativePG accepts; its webhook refuses the Pooler");
				}
			}
		}
		return problems;
	}

}
