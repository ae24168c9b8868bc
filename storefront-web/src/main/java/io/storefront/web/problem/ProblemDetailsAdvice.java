package io.storefront.web.problem;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.storefront.db.cause.CauseChain;
import io.storefront.db.pool.DatabaseAvailability;
import io.storefront.problem.Problems.FieldProblem;
import io.storefront.problem.Problems;
import io.storefront.problem.RouteRefusingExceptionHandler;
import io.storefront.web.json.Utf8JsonBody;
import io.storefront.web.limit.PayloadTooLargeException;
import io.storefront.web.query.NumberOutOfRangeException;
import io.storefront.web.text.StorableText;
import io.storefront.web.text.StorableTextDeserializer.UnstorableTextException;
import io.storefront.web.text.StorableTextEditor.UnstorableTextParameterException;

/**
 * Every error a controller or the framework raises becomes
 * {@code application/problem+json} with the status of contract section 4. Bodies never
 * carry SQL, exception text or stack traces; a 500 is logged once, here, with its stack
 * trace. A database failure is a 503 of one of three kinds: the database is unavailable,
 * the pool had no connection free in time (overloaded), or a commit lost its connection
 * so the change may or may not have been saved ({@code "outcome": "unknown"}); these are
 * logged at most once per 10 s per kind, with a count ({@link DatabaseFailureLog}). A
 * value PostgreSQL refuses as data (SQLSTATE class 22: out of range, too long, bad
 * encoding) is the client's: 422, never 500.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends RouteRefusingExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	/**
	 * How Jackson names the number a type cannot hold: "Numeric value (-9…) out of range
	 * of …".
	 */
	private static final Pattern COERCED_NUMBER = Pattern.compile("Numeric value \\((-?)[0-9]");

	/**
	 * How Jackson words a string refused for a number or boolean field: "Cannot coerce
	 * String value ("12.50") to …", or "Cannot coerce empty String …".
	 */
	private static final Pattern COERCED_STRING = Pattern.compile("Cannot coerce (empty )?String");

	/** A Content-Type header Spring cannot read as one media type, or two of them. */
	private static final String NOT_ONE_MEDIA_TYPE = "the request's Content-Type is not one media type (an unknown "
			+ "charset, a list of types, …); send application/json";

	static final String DATABASE_UNAVAILABLE = "the database is unavailable; retry shortly";

	static final String POOL_EXHAUSTED = "the service is overloaded: no database connection became free in time; "
			+ "retry shortly";

	static final String STATEMENT_CANCELLED = "the database did not finish the request in time (a long query, or "
			+ "data another transaction holds); retry later";

	/**
	 * After a statement cancelled for its time: what it waited on may be held a while
	 * yet, so a client should not come back at once.
	 */
	private static final String STATEMENT_CANCELLED_RETRY_AFTER = "5";

	static final String COMMIT_OUTCOME_UNKNOWN = "the database connection was lost while the change was being "
			+ "committed, so it may or may not have been saved; read it back before retrying";

	private final DatabaseFailureLog databaseUnavailableLog = new DatabaseFailureLog("database_unavailable",
			DATABASE_UNAVAILABLE);

	private final DatabaseFailureLog poolExhaustedLog = new DatabaseFailureLog("pool_exhausted", POOL_EXHAUSTED);

	private final DatabaseFailureLog statementCancelledLog = new DatabaseFailureLog("statement_cancelled",
			STATEMENT_CANCELLED);

	private final DatabaseFailureLog commitOutcomeUnknownLog = new DatabaseFailureLog("commit_outcome_unknown",
			COMMIT_OUTCOME_UNKNOWN);

	private final List<DatabaseFailureLog> databaseFailureLogs = List.of(this.databaseUnavailableLog,
			this.poolExhaustedLog, this.statementCancelledLog, this.commitOutcomeUnknownLog);

	static final String DATA_EXCEPTION = "a value in the request cannot be stored: it is out of range, too long "
			+ "or not valid text";

	private final ObjectProvider<Validator> validator;

	/**
	 * When the health probe is there (a service with a database), the 503s of every kind
	 * counted since their last line are logged once the database answers again. The
	 * validator tells a number no decimal can hold what its field's constraints say.
	 */
	public ProblemDetailsAdvice(ObjectProvider<DatabaseAvailability> databaseAvailability,
			ObjectProvider<Validator> validator) {
		databaseAvailability.ifAvailable((availability) -> availability.onRecovery(this::logUnloggedFailures));
		this.validator = validator;
	}

	private void logUnloggedFailures() {
		this.databaseFailureLogs.forEach(DatabaseFailureLog::logUnlogged);
	}

	/** The 503 logs of every kind, for {@link DatabaseFailureCountFlush}. */
	List<DatabaseFailureLog> databaseFailureLogs() {
		return this.databaseFailureLogs;
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		PayloadTooLargeException tooLarge = CauseChain.find(ex, PayloadTooLargeException.class).orElse(null);
		if (tooLarge != null) {
			return payloadTooLarge(tooLarge);
		}
		if (CauseChain.find(ex, Utf8JsonBody.NotUtf8Text.class).isPresent()) {
			return problem(Problems.of(HttpStatus.BAD_REQUEST,
					"the request body is not UTF-8 JSON text (RFC 8259): a malformed or overlong UTF-8 sequence, "
							+ "or another encoding such as UTF-16"));
		}
		JacksonException json = CauseChain.find(ex, JacksonException.class).orElse(null);
		if (json == null) {
			return problem(Problems.of(HttpStatus.BAD_REQUEST, "a JSON request body is required"));
		}
		if (isTooDeep(ex)) {
			return problem(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT,
					"the request body nests objects and arrays deeper than any request takes"));
		}
		boolean syntaxError = json instanceof StreamReadException && !(json instanceof InputCoercionException);
		if (syntaxError && isDuplicateKey(json)) {
			return problem(Problems.of(HttpStatus.BAD_REQUEST,
					"the request body is not valid JSON: it has a key twice in one object"));
		}
		if (syntaxError) {
			return problem(Problems.of(HttpStatus.BAD_REQUEST, "the request body is not valid JSON"));
		}
		if (isOverlongNumber(json)) {
			return problem(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT,
					"a number in the request body has more digits than any field takes"));
		}
		String field = JsonPaths.of(json);
		if (field == null) {
			return problem(Problems.of(HttpStatus.BAD_REQUEST, "the request body does not have the expected shape"));
		}
		String message = UnrepresentableDecimal.message(json, field, request, this.validator.getIfUnique())
			.orElseGet(() -> (json instanceof InputCoercionException coercion) ? outOfRange(coercion, field, request)
					: bindingMessage(json));
		return problem(Problems.invalidFields(List.of(new FieldProblem(field, message))));
	}

	/**
	 * A whole number in the body that its field's type cannot hold. The parser refuses it
	 * before Jackson knows the field, so a top-level field's constraints are looked up on
	 * the handler's body type. The parser is closed by now: the number's sign is read
	 * from Jackson's message, and a message of another wording gets the plain answer.
	 */
	private static String outOfRange(InputCoercionException ex, String field, WebRequest request) {
		Matcher number = COERCED_NUMBER.matcher(String.valueOf(ex.getOriginalMessage()));
		if (!number.lookingAt() || !(ex.processor() instanceof JsonParser parser)) {
			return "is out of range";
		}
		boolean tooLarge = number.group(1).isEmpty();
		TokenStreamContext context = parser.streamReadContext();
		boolean topLevel = context.inObject() && context.getParent() != null && context.getParent().inRoot();
		AnnotatedElement constrained = topLevel ? NumberBounds.bodyField(request, field).orElse(null) : null;
		return NumberBounds.ofType(ex.getTargetType(), tooLarge)
			.map((typeBound) -> NumberBounds.passed(constrained, tooLarge, typeBound))
			.orElse("is out of range");
	}

	/**
	 * An answer no converter could write is the service's fault, and is found only after
	 * the handler ran: logged, as every 500 is.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotWritable(HttpMessageNotWritableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		logger.error("the answer to a request could not be written", ex);
		return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "an unexpected error occurred"));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> fields = new ArrayList<>();
		for (FieldError error : RangeBeforeDecimals.told(ex.getBindingResult().getFieldErrors())) {
			fields.add(new FieldProblem(FieldNames.toJson(error.getField()), error.getDefaultMessage()));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> fields.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
		return problem(Problems.invalidFields(fields));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> fields = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors errors) {
				// A @Valid body: name the body's fields, not the parameter that holds it.
				RangeBeforeDecimals.told(errors.getFieldErrors())
					.forEach((error) -> fields
						.add(new FieldProblem(FieldNames.toJson(error.getField()), error.getDefaultMessage())));
				errors.getGlobalErrors()
					.forEach((error) -> fields.add(new FieldProblem("body", error.getDefaultMessage())));
			}
			else {
				result.getResolvableErrors()
					.forEach((error) -> fields
						.add(new FieldProblem(parameterName(result.getMethodParameter()), error.getDefaultMessage())));
			}
		}
		return problem(Problems.invalidFields(fields));
	}

	@Override
	protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return problem(Problems.of(HttpStatus.NOT_FOUND, Problems.NO_SUCH_ROUTE));
	}

	/** A path under {@code /docs} that names no file of the API's pages. */
	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return problem(Problems.of(HttpStatus.NOT_FOUND, Problems.NO_SUCH_ROUTE));
	}

	/**
	 * Spring's detail for a body sent without a {@code Content-Type} names a type the
	 * client did not send ("Content-Type 'null'", or "'application/octet-stream'", which
	 * Spring assumes). Every endpoint takes JSON only. The {@code Accept} header Spring
	 * adds is kept.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (request.getHeader(HttpHeaders.CONTENT_TYPE) == null) {
			if (hasNoBody(request)) {
				// Spring takes a request without Content-Type for a body of bytes, but
				// there is none to label.
				return problem(Problems.of(HttpStatus.BAD_REQUEST, "a JSON request body is required"));
			}
			ex.getBody().setDetail("the request has a body but no Content-Type header; send application/json");
		}
		else if (ex.getContentType() != null) {
			// Without parameters: Tomcat adds a charset the client may not have sent.
			MediaType sent = new MediaType(ex.getContentType().getType(), ex.getContentType().getSubtype());
			ex.getBody()
				.setDetail(
						"the request body is " + sent + ", which this endpoint does not take; send application/json");
		}
		else {
			// Spring could not parse the header, and said only that.
			ex.getBody().setDetail(NOT_ONE_MEDIA_TYPE);
		}
		return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
	}

	private static boolean hasNoBody(WebRequest request) {
		return request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null
				&& (request.getHeader(HttpHeaders.CONTENT_LENGTH) == null
						|| "0".equals(request.getHeader(HttpHeaders.CONTENT_LENGTH).strip()));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return problem(Problems.invalidFields(List.of(new FieldProblem(ex.getParameterName(), "is required"))));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
		String expected = (ex.getRequiredType() != null) ? describe(ex.getRequiredType()) : "value";
		String message = CauseChain.find(ex, NumberOutOfRangeException.class)
			.map((range) -> NumberBounds.passed(ex.getParameter().getParameter(), range.tooLarge(), range.bound()))
			.orElseGet(() -> CauseChain.contains(ex, UnstorableTextParameterException.class) ? StorableText.MESSAGE
					: "must be a valid " + expected);
		return problem(Problems.invalidFields(List.of(new FieldProblem(FieldNames.toJson(ex.getName()), message))));
	}

	/**
	 * A query string that is not valid percent-encoded UTF-8 ({@code ?q=%FF}), or that
	 * holds a parameter without a name ({@code ?=x}), makes Tomcat throw when a parameter
	 * is first read, without saying which. It is the client's mistake: 400.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> malformedQuery(InvalidParameterException ex) {
		return problem(Problems.of(HttpStatus.BAD_REQUEST,
				"the query string is not valid: a parameter without a name, text that is not percent-encoded UTF-8, "
						+ "or too many parameters"));
	}

	@ExceptionHandler(Utf8JsonBody.EncodedBodyException.class)
	ResponseEntity<Object> encodedBody(Utf8JsonBody.EncodedBodyException ex, HttpServletRequest request) {
		return unsupportedBody(request).header(HttpHeaders.ACCEPT_ENCODING, "identity")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ex.getMessage()));
	}

	@ExceptionHandler(Utf8JsonBody.NotUtf8CharsetException.class)
	ResponseEntity<Object> notUtf8Charset(Utf8JsonBody.NotUtf8CharsetException ex, HttpServletRequest request) {
		return jsonOnly(ex.getMessage(), request);
	}

	@ExceptionHandler(Utf8JsonBody.NotOneContentTypeException.class)
	ResponseEntity<Object> notOneContentType(Utf8JsonBody.NotOneContentTypeException ex, HttpServletRequest request) {
		return jsonOnly(NOT_ONE_MEDIA_TYPE, request);
	}

	private static ResponseEntity<Object> jsonOnly(String detail, HttpServletRequest request) {
		return unsupportedBody(request).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail));
	}

	/**
	 * A 415 that names what the endpoint takes, as Spring's own does: {@code Accept}, and
	 * for a PATCH {@code Accept-Patch} (RFC 5789, section 2.2).
	 */
	private static ResponseEntity.BodyBuilder unsupportedBody(HttpServletRequest request) {
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
		if (HttpMethod.PATCH.matches(request.getMethod())) {
			answer.header(HttpHeaders.ACCEPT_PATCH, MediaType.APPLICATION_JSON_VALUE);
		}
		return answer;
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ResponseEntity<Object> payloadTooLarge(PayloadTooLargeException ex) {
		return problem(Problems.of(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage()));
	}

	@ExceptionHandler({ CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
			DataAccessResourceFailureException.class, TransientDataAccessException.class, QueryTimeoutException.class })
	ResponseEntity<Object> databaseUnavailable(RuntimeException ex) {
		ProblemDetail problem;
		String retryAfter = "1";
		if (DatabaseFailures.isCommitOutcomeUnknown(ex)) {
			problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, COMMIT_OUTCOME_UNKNOWN);
			problem.setProperty("outcome", "unknown");
			this.commitOutcomeUnknownLog.failed();
		}
		else if (DatabaseFailures.isPoolExhausted(ex)) {
			problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, POOL_EXHAUSTED);
			this.poolExhaustedLog.failed();
		}
		else if (DatabaseFailures.isStatementCancelled(ex)) {
			problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, STATEMENT_CANCELLED);
			retryAfter = STATEMENT_CANCELLED_RETRY_AFTER;
			this.statementCancelledLog.failed();
		}
		else {
			problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE);
			this.databaseUnavailableLog.failed();
		}
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, retryAfter)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/**
	 * A commit or rollback that failed because the connection died with the database: the
	 * outcome is the database's to tell once it is back, and the client should retry, so
	 * 503 rather than 500.
	 */
	@ExceptionHandler(TransactionSystemException.class)
	ResponseEntity<Object> transactionFailed(TransactionSystemException ex, HttpServletRequest request)
			throws Exception {
		if (DatabaseFailures.involvesLostConnection(ex)) {
			return databaseUnavailable(ex);
		}
		return unexpected(ex, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, HttpServletRequest request) throws Exception {
		if (ex instanceof IllegalArgumentException && namesWildcardContentType(request)) {
			// Spring reads the header of an endpoint that accepts any body (no
			// "consumes") and asserts on it.
			return jsonOnly("Content-Type must name one media type, not a wildcard such as */*", request);
		}
		// the firewall's refusal of a header first read here: its handler answers it
		if (ex instanceof ErrorResponseException || ex instanceof RequestRejectedException
				|| ex instanceof org.springframework.security.core.AuthenticationException
				|| ex instanceof org.springframework.security.access.AccessDeniedException) {
			throw ex;
		}
		String dataException = DatabaseFailures.dataExceptionState(ex);
		if (dataException != null) {
			// The value is not logged: it is the client's and may be a secret.
			logger.atWarn()
				.addKeyValue("sqlstate", dataException)
				.log("request refused with 422: the database rejected a value as data (SQLSTATE {})", dataException);
			return problem(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, DATA_EXCEPTION));
		}
		logger.error("unexpected error while handling a request", ex);
		return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "an unexpected error occurred"));
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			Problems.complete(problem);
			headers = problemJson(headers);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static ResponseEntity<Object> problem(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/**
	 * A problem is written as problem+json whatever the request's {@code Accept} says:
	 * with no type the client accepts ({@code image/png}) or an unreadable header
	 * ({@code *}{@code /*;q=abc}), content negotiation would otherwise leave a 406
	 * without a body.
	 */
	private static HttpHeaders problemJson(HttpHeaders headers) {
		HttpHeaders problemHeaders = new HttpHeaders();
		if (headers != null) {
			problemHeaders.putAll(headers);
		}
		problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return problemHeaders;
	}

	private static boolean namesWildcardContentType(HttpServletRequest request) {
		try {
			String header = request.getContentType();
			return header != null && MediaType.parseMediaType(header).isWildcardSubtype();
		}
		catch (org.springframework.http.InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static boolean isDuplicateKey(JacksonException ex) {
		String message = ex.getOriginalMessage();
		return message != null && message.startsWith("Duplicate Object property");
	}

	/**
	 * Over Jackson's limit of 1000 digits, refused in the parser before any field is
	 * known, so that the number is never converted (which takes time that grows with the
	 * square of its length). Any field would refuse it as out of range.
	 */
	private static boolean isOverlongNumber(JacksonException ex) {
		String message = ex.getOriginalMessage();
		return ex instanceof StreamConstraintsException && message != null && message.startsWith("Number value length");
	}

	/**
	 * Over Jackson's limit of nesting ({@code StreamReadConstraints}): well-formed, and
	 * no request body is nearly that deep.
	 */
	private static boolean isTooDeep(Exception ex) {
		return CauseChain.find(ex, StreamConstraintsException.class)
			.map(StreamConstraintsException::getOriginalMessage)
			.filter((message) -> message.startsWith("Document nesting depth"))
			.isPresent();
	}

	private static String bindingMessage(JacksonException ex) {
		if (ex instanceof UnstorableTextException) {
			return StorableText.MESSAGE;
		}
		if (ex instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
			Class<?> type = mismatched.getTargetType();
			return (isNumberOrBoolean(type) && sentString(mismatched)) ? jsonTypeExpected(type) + ", not a string"
					: jsonTypeExpected(type);
		}
		String message = ex.getOriginalMessage();
		if (message != null && message.contains("out of range")) {
			return "is out of range";
		}
		return "has an invalid value";
	}

	/**
	 * The JSON type a body field takes, for a value of another type. A price sent as
	 * {@code "12.50"} was told it "must be a valid number", which it looked like; a
	 * string where a number belongs is told so.
	 */
	private static String jsonTypeExpected(Class<?> type) {
		if (type == Boolean.class || type == boolean.class) {
			return "must be true or false";
		}
		return (isNumberOrBoolean(type) || type == String.class) ? "must be a " + describe(type)
				: "must be a valid " + describe(type);
	}

	/**
	 * Whether the value was a JSON string. The parser is closed by now and has forgotten
	 * its token: read from Jackson's message, as {@link #COERCED_NUMBER} is.
	 */
	private static boolean sentString(MismatchedInputException ex) {
		return COERCED_STRING.matcher(String.valueOf(ex.getOriginalMessage())).lookingAt();
	}

	private static boolean isNumberOrBoolean(Class<?> type) {
		return type.isPrimitive() || Number.class.isAssignableFrom(type) || type == Boolean.class;
	}

	private static String describe(Class<?> type) {
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "whole number";
		}
		if (Number.class.isAssignableFrom(type)) {
			return "number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "boolean";
		}
		if (type == String.class) {
			return "string";
		}
		if (type == UUID.class) {
			return "UUID";
		}
		if (type.isEnum()) {
			return "one of " + java.util.Arrays.toString(type.getEnumConstants());
		}
		return FieldNames.toJson(type.getSimpleName()).replace('_', ' ');
	}

	private static String parameterName(org.springframework.core.MethodParameter parameter) {
		String name = parameter.getParameterName();
		return (name != null) ? FieldNames.toJson(name) : "parameter " + parameter.getParameterIndex();
	}

}
