using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Roster.Common;

namespace Roster.ConsolePages;

/// <summary>
/// How the console answers what goes wrong: every error status under <c>/console</c> (an unknown path, a form whose
/// antiforgery token failed, a method a page does not take, a bug) is the console's error page (<see cref="ConsoleErrorModel"/>)
/// with the status kept, never the APIs' JSON; and a form field holding text no field may hold (<see cref="WireText"/>:
/// a NUL, which the framework's form reader refuses outright) is refused at its field like any other bad value.
/// </summary>
public static class ConsoleErrors
{
    public const string ErrorPath = ConsoleSetup.PathPrefix + "/error";

    /// <summary>The key of <see cref="FormRefusal"/> in a page's view data, which the layout shows above the page.</summary>
    public const string FormRefusalKey = "Roster.ConsoleFormRefusal";

    public const string FormRefusal = "Nothing was saved: a field held characters no field may hold (such as NUL). They are left out below; check the form and send it again.";

    private const string ProblemsKey = "Roster.ConsoleFormProblems";
    private const string UnreadableKey = "Roster.ConsoleFormUnreadable";

    /// <summary>One posted field whose text cannot be taken, and why (the end of a sentence: "must not …").</summary>
    public sealed record FieldProblem(string Field, string Problem)
    {
        public string Message => $"This field {Problem}.";
    }

    public static bool IsConsole(HttpContext context) => context.Request.Path.StartsWithSegments(ConsoleSetup.PathPrefix);

    /// <summary>
    /// An exception under <c>/console</c> is answered by the error page, which logs it (<see cref="RosterHost.DescribeException"/>).
    /// Note: registered before (around) the APIs' own handler, which answers theirs, so this one sees the console's alone.
    /// </summary>
    public static WebApplication UseConsoleExceptionPage(this WebApplication app)
    {
        app.UseExceptionHandler(new Microsoft.AspNetCore.Builder.ExceptionHandlerOptions
        {
            ExceptionHandlingPath = ErrorPath,
            // Note: the error page logs what it answers, once, as the APIs' handler does.
            SuppressDiagnosticsCallback = _ => true,
        });
        return app;
    }

    /// <summary>
    /// A bodiless error status under <c>/console</c> is answered by the error page; posted console forms are read tolerantly.
    /// Note: registered inside the APIs' status pages, and switched off for every other path, so that those keep their JSON.
    /// </summary>
    public static WebApplication UseConsoleStatusPages(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute(ErrorPath);
        app.Use((context, next) =>
        {
            if (!IsConsole(context))
            {
                context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
                return next(context);
            }
            return ReadFormAsync(context, next);
        });
        return app;
    }

    /// <summary>The fields of this request's form that <see cref="ReadFormAsync"/> found holding what no field may hold.</summary>
    public static IReadOnlyList<FieldProblem> Problems(HttpContext context) =>
        context.Items.TryGetValue(ProblemsKey, out var value) && value is IReadOnlyList<FieldProblem> problems ? problems : [];

    /// <summary>Whether the request's form could not be read at all (too many fields, a name too long).</summary>
    public static bool Unreadable(HttpContext context) => context.Items.ContainsKey(UnreadableKey);

    /// <summary>
    /// Reads a posted form before anything else does. Note: the framework's reader refuses a whole urlencoded form that
    /// holds <c>%00</c> anywhere (antiforgery then fails, 400), so such a form is read again here, tolerantly. The fields
    /// holding what no field may hold are noted (<see cref="Problems"/>) and the form the page binds holds them without it.
    /// </summary>
    private static async Task ReadFormAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!request.HasFormContentType || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || context.Features.Get<IFormFeature>()?.Form is not null)
        {
            await next(context);
            return;
        }
        var urlEncoded = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        if (urlEncoded)
        {
            request.EnableBuffering();
        }
        IFormCollection? form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            form = null;
            if (urlEncoded)
            {
                request.Body.Position = 0;
                form = await ReadTolerantlyAsync(request, context.RequestServices.GetService<IOptions<FormOptions>>()?.Value ?? new FormOptions(), context.RequestAborted);
            }
            if (form is null)
            {
                context.Items[UnreadableKey] = true;
                await next(context);
                return;
            }
        }
        var problems = new List<FieldProblem>();
        var clean = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in form)
        {
            // Note: a name no page has (it holds a NUL) is dropped: no field of the page was typed into.
            if (WireText.Problem(name) is not null)
            {
                continue;
            }
            var problem = values.Select(v => v is null ? null : WireText.Problem(v)).FirstOrDefault(p => p is not null);
            if (problem is null)
            {
                clean[name] = values;
                continue;
            }
            problems.Add(new FieldProblem(name, problem));
            clean[name] = new StringValues([.. values.Select(v => v is null ? null : Shown(v))]);
        }
        if (problems.Count > 0 || clean.Count != form.Count)
        {
            context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(clean, form.Files)));
        }
        if (problems.Count > 0)
        {
            context.Items[ProblemsKey] = problems;
        }
        await next(context);
    }

    /// <summary>A urlencoded form read without refusing any character; null when it breaks the form limits the framework keeps.</summary>
    private static async Task<IFormCollection?> ReadTolerantlyAsync(HttpRequest request, FormOptions limits, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var body = await reader.ReadToEndAsync(ct);
        var pairs = body.Split('&', StringSplitOptions.RemoveEmptyEntries);
        if (pairs.Length > limits.ValueCountLimit)
        {
            return null;
        }
        var fields = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            if (name.Length > limits.KeyLengthLimit || value.Length > limits.ValueLengthLimit)
            {
                return null;
            }
            fields[name] = fields.TryGetValue(name, out var earlier) ? StringValues.Concat(earlier, value) : new StringValues(value);
        }
        return new FormCollection(fields);
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    /// <summary>What can be shown back of a value: without NULs, a lone surrogate as the replacement character.</summary>
    private static string Shown(string value)
    {
        var shown = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                shown.Append(c).Append(value[++i]);
            }
            else
            {
                shown.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return shown.ToString();
    }

    /// <summary>
    /// The one place a console form with such a field is refused: the page's handler does not run on it; the page shows
    /// itself as its GET handler does, with what was typed (as it can be shown) and the reason at each field, 200 like any
    /// other refusal. A page that keeps no field errors (the sign-in pages) answers the error page, 400.
    /// Note: what was typed is put back just before the page renders, after everything the page did (its GET handler,
    /// its own filter) had its say.
    /// </summary>
    public sealed class FormFilter : IAsyncPageFilter, IAsyncResultFilter
    {
        private const string TypedKey = "Roster.ConsoleFormTyped";

        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
        {
            if (Problems(context.HttpContext).Count > 0 && context.HandlerMethod is { } handler && !IsGet(handler))
            {
                context.HandlerMethod = context.ActionDescriptor.HandlerMethods.FirstOrDefault(h => IsGet(h) && h.Name is null);
            }
            return Task.CompletedTask;
        }

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var problems = Problems(context.HttpContext);
            // Note: the error page, shown in place of a refused post, has no fields of its own to refuse.
            if (problems.Count == 0 || context.HandlerInstance is ConsoleErrorModel)
            {
                await next();
                return;
            }
            if (context.HandlerInstance is not ConsolePage page)
            {
                context.Result = new Microsoft.AspNetCore.Mvc.BadRequestResult();
                return;
            }
            var form = context.HttpContext.Request.Form;
            var typed = context.ActionDescriptor.BoundProperties.OfType<PageBoundPropertyDescriptor>()
                .Where(p => Posted(form, p.BindingInfo?.BinderModelName ?? p.Name))
                .Select(p => (p.Property, Value: p.Property.GetValue(page)))
                .ToList();
            foreach (var problem in problems)
            {
                page.Errors[problem.Field] = problem.Message;
            }
            // Note: also said above the page, for a field it does not show (a hidden id, a row of a list).
            page.ViewData[FormRefusalKey] = FormRefusal;
            context.HttpContext.Items[TypedKey] = (Action)(() =>
            {
                foreach (var (property, value) in typed)
                {
                    property.SetValue(page, value);
                }
            });
            await next();
        }

        public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
        {
            if (context.HttpContext.Items.TryGetValue(TypedKey, out var restore) && restore is Action typed)
            {
                typed();
            }
            return next();
        }

        private static bool IsGet(HandlerMethodDescriptor handler) => string.Equals(handler.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase);

        private static bool Posted(IFormCollection form, string name) =>
            form.ContainsKey(name) || form.Keys.Any(k => k.StartsWith(name + "[", StringComparison.OrdinalIgnoreCase) || k.StartsWith(name + ".", StringComparison.OrdinalIgnoreCase));
    }
}
