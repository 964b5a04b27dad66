"""What a browser posts back from an admin change form it was shown, unchanged."""


def change_form_data(response) -> dict:
    """The fields of the page's form and inline formsets, with the values shown."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context.get("inline_admin_formsets", []):
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms += inline.formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data
