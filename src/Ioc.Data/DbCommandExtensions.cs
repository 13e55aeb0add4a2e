using System.Data.Common;

namespace Ioc.Data;

public static class DbCommandExtensions
{
    /// <summary>Adds a named parameter through ADO.NET's common types, for statements that run on either provider.</summary>
    public static void AddParameter(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
