import GoTemplate

/// values.schema.json validation of the parent and each subchart (filled in by the schema validator).
enum SchemaCheck {
    static func validate(_ chart: Chart, _ values: GoMap) throws {}
}
