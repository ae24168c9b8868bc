package io.storefront.cart;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.storefront.cart.product.ProductServiceSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build writes metadata for cart's own settings, so an IDE completes
 * {@code storefront.cart.*} in {@code application.properties} and shows each one's
 * meaning and default.
 */
class SettingsMetadataTests {

	@Test
	void everyProductServiceSettingIsDescribedWithItsDefault() throws IOException {
		String prefix = ProductServiceSettings.class.getAnnotation(ConfigurationProperties.class).value();
		Map<String, JsonNode> described = describedProperties();

		assertThat(Arrays.stream(ProductServiceSettings.class.getRecordComponents()))
			.map((component) -> prefix + "." + kebabCase(component.getName()))
			.hasSize(9)
			.allSatisfy((name) -> {
				assertThat(described).as("metadata of " + name).containsKey(name);
				assertThat(described.get(name).path("description").asString()).as("description of " + name)
					.isNotBlank();
				assertThat(described.get(name).has("defaultValue")).as("default of " + name).isTrue();
			});
	}

	private static Map<String, JsonNode> describedProperties() throws IOException {
		try (InputStream metadata = SettingsMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).as("META-INF/spring-configuration-metadata.json written by the build").isNotNull();
			Map<String, JsonNode> properties = new HashMap<>();
			JsonMapper.shared()
				.readTree(metadata)
				.path("properties")
				.forEach((property) -> properties.put(property.path("name").asString(), property));
			return properties;
		}
	}

	private static String kebabCase(String name) {
		return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

}
