package io.storefront.console;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NotDirectoryException;
import java.time.Clock;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

import io.storefront.console.history.History;
import io.storefront.console.poll.HealthPoller;
import io.storefront.console.settings.ConsoleSettings;
import io.storefront.console.settings.InvalidConsoleSettingException;
import io.storefront.console.watch.Watch;

/** The console's parts, wired from its settings. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * The script, styles and icon carry a tag of their content, so that a browser's
	 * revalidation is answered 304 only while the content is the same. They have no
	 * {@code Last-Modified}: the jar's date says nothing of its content (a rolled-back
	 * jar copied with its older date, an image built with fixed file times), and a date
	 * would let a browser keep the script of a newer console. The page at {@code /} is
	 * Spring Boot's welcome page, a forward to {@code /index.html}, tagged as that is.
	 */
	@Bean
	FilterRegistrationBean<ShallowEtagHeaderFilter> staticContentTags() {
		FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(
				new ShallowEtagHeaderFilter());
		registration.addUrlPatterns("/index.html", "/console.js", "/console.css", "/noscript.css", "/favicon.svg");
		return registration;
	}

	@Bean(destroyMethod = "close")
	History history(ConsoleSettings settings, Clock clock) {
		try {
			return History.open(settings.historyFile(), clock.instant());
		}
		catch (IOException ex) {
			throw new InvalidConsoleSettingException("history-file",
					"cannot be written: " + settings.historyFile().toAbsolutePath() + " (" + reason(ex) + ")");
		}
	}

	/**
	 * What went wrong, in words: the file system's exceptions name only the path for the
	 * commonest causes.
	 */
	private static String reason(IOException ex) {
		return switch (ex) {
			case FileAlreadyExistsException exists -> exists.getFile() + " is a file, not a folder";
			case NotDirectoryException notFolder -> notFolder.getFile() + " is a file, not a folder";
			case AccessDeniedException denied -> denied.getFile() + ": permission denied";
			case History.FolderNotFileException folder -> "a folder, not a file";
			default -> ex.getMessage();
		};
	}

	@Bean(destroyMethod = "close")
	HealthPoller healthPoller(ConsoleSettings settings, Clock clock) {
		return new HealthPoller(settings.pollTimeout(), settings.details(), clock);
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	Watch watch(ConsoleSettings settings, HealthPoller poller, History history, Clock clock) {
		return new Watch(settings, poller, history, clock);
	}

}
