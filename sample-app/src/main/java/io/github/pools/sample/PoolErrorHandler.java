package io.github.pools.sample;

import io.github.pools.BrokenPoolException;
import io.github.pools.TaskRejectedException;
import io.github.pools.TaskTimeoutException;
import io.github.pools.UnknownTaskTypeException;
import io.github.pools.WorkerCrashedException;
import io.github.pools.cluster.MemberLeftException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error of the application as an RFC 9457 problem detail
 * ({@code application/problem+json}): Spring MVC's own errors (bad parameters, unknown
 * paths, a request that waited longer than {@code spring.mvc.async.request-timeout}) as
 * {@link ResponseEntityExceptionHandler} does, anything unexpected as a 500, and the
 * failures of pool tasks as follows:
 * <ul>
 * <li>422 Unprocessable Content for a task of the wrong type: the request asked for
 * work this pool is not for, and retrying will not help;</li>
 * <li>503 Service Unavailable with {@code Retry-After} for a saturated or stopping
 * pool: the same request can succeed later;</li>
 * <li>503 for a broken pool, without {@code Retry-After};</li>
 * <li>502 Bad Gateway when the worker JVM running the task died: the application is
 * fine, the work was lost;</li>
 * <li>504 Gateway Timeout when a task outlived its pool's task timeout and its worker
 * was killed.</li>
 * </ul>
 */
@RestControllerAdvice
class PoolErrorHandler extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(PoolErrorHandler.class);

	/**
	 * A request waited for its task longer than the async request timeout, typically on
	 * a saturated pool. The task was cancelled ({@link DeferredTasks}); the client may
	 * retry.
	 */
	@Override
	protected ResponseEntity<Object> handleAsyncRequestTimeoutException(AsyncRequestTimeoutException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The request waited too long for its task, which was cancelled; try again later");
		problem.setTitle("Request timed out");
		HttpHeaders retry = new HttpHeaders(headers);
		retry.set(HttpHeaders.RETRY_AFTER, "1");
		return handleExceptionInternal(ex, problem, retry, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		logger.error("Request failed", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request failed; the application's log has the details");
		problem.setTitle("Internal error");
		return problem;
	}

	@ExceptionHandler(UnknownTaskTypeException.class)
	ProblemDetail wrongTaskType(UnknownTaskTypeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("Task type refused");
		problem.setProperty("pool", ex.getPoolName());
		problem.setProperty("acceptedType", ex.getPoolTaskType());
		problem.setProperty("givenType", ex.getTaskType());
		return problem;
	}

	@ExceptionHandler(BrokenPoolException.class)
	ProblemDetail broken(BrokenPoolException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Pool broken");
		problem.setProperty("pool", ex.getPoolName());
		return problem;
	}

	@ExceptionHandler(WorkerCrashedException.class)
	ProblemDetail workerCrashed(WorkerCrashedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
		problem.setTitle("Worker crashed");
		problem.setProperty("pool", ex.getPoolName());
		problem.setProperty("workerPid", ex.getPid());
		problem.setProperty("exitCode", ex.getExitCode());
		return problem;
	}

	@ExceptionHandler(MemberLeftException.class)
	ProblemDetail memberLeft(MemberLeftException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
		problem.setTitle("Cluster member left");
		problem.setProperty("pool", ex.getPoolName());
		problem.setProperty("member", ex.getMember());
		return problem;
	}

	@ExceptionHandler(TaskTimeoutException.class)
	ProblemDetail timedOut(TaskTimeoutException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT, ex.getMessage());
		problem.setTitle("Task timed out");
		problem.setProperty("pool", ex.getPoolName());
		problem.setProperty("timeout", ex.getTimeout().toString());
		return problem;
	}

	@ExceptionHandler(TaskRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(TaskRejectedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Pool busy");
		problem.setProperty("pool", ex.getPoolName());
		problem.setProperty("reason", ex.getReason().tagValue());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
	}

}
