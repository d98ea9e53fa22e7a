using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Shield.WebApi.Contracts;

/// <summary>
/// Binds an enum from the query or route by its name only (any case): "1" is refused like any other unknown value,
/// as the API documents enums as strings. MVC's own binder would take a number as the value at that position.
/// </summary>
internal sealed class StrictEnumModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (value == ValueProviderResult.None || string.IsNullOrEmpty(value.FirstValue))
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
        var type = Nullable.GetUnderlyingType(bindingContext.ModelType) ?? bindingContext.ModelType;
        var text = value.FirstValue.Trim();
        if (!char.IsAsciiDigit(text[0]) && text[0] != '-' && Enum.TryParse(type, text, ignoreCase: true, out var parsed) && Enum.IsDefined(type, parsed))
        {
            bindingContext.Result = ModelBindingResult.Success(parsed);
        }
        else
        {
            // The message is written by RequestProblems from the field's type: "status must be one of Pending, ...".
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, $"The value '{text}' is not valid.");
        }

        return Task.CompletedTask;
    }

    /// <summary>Used for every enum (or nullable enum) bound from outside a body.</summary>
    public sealed class Provider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
            return type.IsEnum && context.BindingInfo.BindingSource != BindingSource.Body ? new StrictEnumModelBinder() : null;
        }
    }
}
