d = {
    "a": 1,
    {% for x in y %}
    "b": 2,
}
