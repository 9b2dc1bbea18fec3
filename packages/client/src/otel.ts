// `@export-api/client/otel`: OpenTelemetry tracing built on the client's hooks (one mechanism). One span per logical
// call (a page fetch, an iteration), a CLIENT span per attempt after OpenTelemetry's HTTP semantic conventions, retry
// waits and pages as events. A span active in the caller when a call starts is its parent. `@opentelemetry/api` is
// an optional peer dependency: only this entry imports it, never the client's main entry.
import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from "@opentelemetry/api";
import type { CallInfo, ExportClientHooks, ResponseEvent } from "./hooks.js";
import { VERSION } from "./version.js";

export interface OtelTracingOptions {
  /** The tracer to start spans with. Default: `tracerProvider`'s tracer `@export-api/client` at this version. */
  tracer?: Tracer | undefined;
  /** Where the default tracer comes from. Default: the global one (`trace.getTracerProvider()`). */
  tracerProvider?: TracerProvider | undefined;
}

/** The instrumentation scope's name, and the prefix of this SDK's own attributes. */
const NAME = "@export-api/client";

/**
 * Hooks that trace the client with OpenTelemetry; join them with createHooks:
 * `createExportClient({ hooks: createHooks(otelTracing()) })`.
 *
 * - A call (`getExportConnections`, `iterateExportConnections`) is an INTERNAL span of that name, child of the span
 *   active where the call starts, with `export_api.imodel_id`, and at its end `export_api.pages`,
 *   `export_api.connections`, the last `export_api.request_id` and, when it failed, `error.type` and an error status.
 * - Each attempt is a CLIENT span `GET`, child of its call: `http.request.method`, `url.full`, `server.address`,
 *   `server.port`, `http.request.resend_count` on a retry, `http.response.status_code`, `export_api.request_id`, and
 *   `error.type` (the status code, or the error's class) with an error status when it failed.
 * - A retry is an event `export_api.retry` on the call (`export_api.retry.delay_ms`, `http.retry_after_ms` when the
 *   server sent one, `error.type`); a page an event `export_api.page` (`export_api.page`, `export_api.connections`,
 *   `export_api.request_id`).
 *
 * No attribute or event holds a header or a token: the hooks see none.
 */
export function otelTracing(options: OtelTracingOptions = {}): ExportClientHooks {
  const tracer = options.tracer ?? (options.tracerProvider ?? trace.getTracerProvider()).getTracer(NAME, VERSION);
  const calls = new WeakMap<CallInfo, { span: Span; context: Context; attempt?: Span; requestId?: string }>();

  return {
    onCallStart(call) {
      const span = tracer.startSpan(
        call.operation,
        { kind: SpanKind.INTERNAL, attributes: { "export_api.imodel_id": call.imodelId } },
        context.active(),
      );
      calls.set(call, { span, context: trace.setSpan(context.active(), span) });
    },
    onRequest(event) {
      const state = calls.get(event.call);
      if (!state) return;
      const url = new URL(event.url);
      const attributes: Attributes = {
        "http.request.method": event.method,
        "url.full": event.url,
        "server.address": url.hostname,
        "server.port": Number(url.port) || (url.protocol === "https:" ? 443 : 80),
      };
      if (event.attempt > 1) attributes["http.request.resend_count"] = event.attempt - 1;
      state.attempt = tracer.startSpan(event.method, { kind: SpanKind.CLIENT, attributes }, state.context);
    },
    onResponse(event) {
      const state = calls.get(event.call);
      if (!state) return;
      // The call's last request id, even when its attempt has no span (the tracer failed to start one).
      if (event.requestId !== undefined) state.requestId = event.requestId;
      const span = state.attempt;
      if (!span) return;
      if (event.status !== undefined) span.setAttribute("http.response.status_code", event.status);
      if (event.requestId !== undefined) span.setAttribute("export_api.request_id", event.requestId);
      const error = errorType(event);
      if (error !== undefined) {
        span.setAttribute("error.type", error);
        span.setStatus({ code: SpanStatusCode.ERROR, ...(event.message ? { message: event.message } : {}) });
      }
      span.end();
      state.attempt = undefined;
    },
    onRetry(event) {
      const attributes: Attributes = {
        "export_api.retry.attempt": event.attempt,
        "export_api.retry.delay_ms": event.delayMs,
        "error.type": errorType(event),
      };
      if (event.retryAfterMs !== undefined) attributes["http.retry_after_ms"] = event.retryAfterMs;
      calls.get(event.call)?.span.addEvent("export_api.retry", attributes);
    },
    onPage(event) {
      const attributes: Attributes = { "export_api.page": event.page, "export_api.connections": event.connections };
      if (event.requestId !== undefined) attributes["export_api.request_id"] = event.requestId;
      calls.get(event.call)?.span.addEvent("export_api.page", attributes);
    },
    onCallEnd(event) {
      const state = calls.get(event.call);
      if (!state) return;
      const { span } = state;
      span.setAttributes({ "export_api.pages": event.pages, "export_api.connections": event.connections });
      if (state.requestId !== undefined) span.setAttribute("export_api.request_id", state.requestId);
      if (event.error !== undefined) {
        span.setAttribute("error.type", event.error);
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      // An attempt cut short by an abort ends with its call.
      state.attempt?.end();
      span.end();
      calls.delete(event.call);
    },
  };
}

/** `error.type` of an attempt or a retry: the status code when the server answered with an error, else the error's class. */
function errorType(event: Pick<ResponseEvent, "status" | "error">): string | undefined {
  if (event.status !== undefined && event.status >= 400) return String(event.status);
  return event.error;
}
