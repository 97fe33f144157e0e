namespace BatchGen;

/// <summary>OpenAPI's parameter serialization styles (<c>style</c>), with <c>explode</c> beside them.</summary>
public enum ParameterStyle
{
    /// <summary>Query: <c>id=3</c>; arrays <c>id=3&amp;id=4</c> (explode) or <c>id=3,4</c>; objects <c>role=admin&amp;name=x</c> (explode) or <c>id=role,admin,name,x</c>.</summary>
    Form,

    /// <summary>Query arrays joined by spaces: <c>id=3%204</c>.</summary>
    SpaceDelimited,

    /// <summary>Query arrays joined by pipes: <c>id=3%7C4</c>.</summary>
    PipeDelimited,

    /// <summary>Query objects as <c>id[role]=admin&amp;id[name]=x</c> (brackets percent-encoded).</summary>
    DeepObject,

    /// <summary>Path and header: <c>3,4</c>; objects <c>role,admin,name,x</c> or (explode) <c>role=admin,name=x</c>.</summary>
    Simple,

    /// <summary>Path: <c>.3.4</c> (explode) or <c>.3,4</c>.</summary>
    Label,

    /// <summary>Path: <c>;id=3;id=4</c> (explode) or <c>;id=3,4</c>.</summary>
    Matrix,
}
